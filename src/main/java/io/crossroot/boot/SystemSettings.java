package io.crossroot.boot;

/**
 * What the booted system is told about itself.
 *
 * @param rootPasswordHash crypt(3) hash for root's /etc/shadow entry; "" allows root to log in without a password;
 *                         null leaves /etc/shadow as the rootfs has it
 */
public record SystemSettings(String hostname, String rootPasswordHash) {}
