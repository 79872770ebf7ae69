package io.crossroot.rpm.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.ZstdOutputStream;
import io.crossroot.debian.Compression;
import io.crossroot.debian.DownloadListener;
import io.crossroot.rpm.RpmDependency;
import io.crossroot.rpm.RpmFixtureRepo;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/** Metadata parsing against malformed and hostile input, compression by magic, and .repo files. */
class RpmMetadataParsingTest {
    private static final String SHA256 = "a".repeat(64);

    @TempDir
    Path temp;

    private static String repomd(String href, String extra) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <repomd xmlns="http://linux.duke.edu/metadata/repo" xmlns:rpm="http://linux.duke.edu/metadata/rpm">
                  <revision>1</revision>
                  <data type="primary">
                    <checksum type="sha256">%s</checksum>
                    <location href="%s"%s/>
                    <size>10</size>
                  </data>
                </repomd>
                """.formatted(SHA256, href, extra);
    }

    private static Repomd parseRepomd(String xml) {
        return Repomd.parse(xml.getBytes(StandardCharsets.UTF_8), "http://repo.invalid/repodata/repomd.xml");
    }

    @Test
    void malformedXmlNamesTheLine() {
        String broken = repomd("repodata/p.xml.gz", "").replace("</data>", "</dta>");
        assertThatThrownBy(() -> parseRepomd(broken))
                .isInstanceOf(RpmMetadataError.class)
                .hasMessageContaining("repomd.xml is not well-formed XML (line 8");
    }

    @Test
    void aRepomdMissingPartsOrOfAnotherKindIsRefused() {
        assertThatThrownBy(() -> parseRepomd("<repomd/>")).hasMessageContaining("not <repomd> of");
        assertThatThrownBy(() -> parseRepomd(repomd("repodata/p.xml.gz", "").replace("<size>10</size>", "")))
                .hasMessageContaining("line 4: the primary entry lacks <size>");
        assertThatThrownBy(() -> parseRepomd(repomd("repodata/p.xml.gz", "").replace("sha256\"", "md5\"")))
                .hasMessageContaining("checksum type 'md5'");
        assertThatThrownBy(() -> parseRepomd(repomd("repodata/p.xml.gz", "").replace(SHA256, "abc")))
                .hasMessageContaining("'abc' is not a sha256 digest");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/etc/shadow",
                "../../etc/shadow",
                "repodata/../../x",
                "http://evil.invalid/p.xml.gz",
                "file:///etc/shadow",
                "%2e%2e/x",
                "repodata//p",
                "a\\b",
                "p.xml.gz?x=1",
                "./p.xml"
            })
    void aLocationThatLeavesTheRepositoryIsRefused(String href) {
        assertThatThrownBy(() -> parseRepomd(repomd(href.replace("&", "&amp;"), "")))
                .isInstanceOf(RpmMetadataError.class)
                .hasMessageContaining("is unsafe");
    }

    @Test
    void anXmlBaseThatPointsElsewhereIsRefused() {
        assertThatThrownBy(() -> parseRepomd(repomd("repodata/p.xml.gz", " xml:base=\"http://evil.invalid/\"")))
                .isInstanceOf(RpmMetadataError.class)
                .hasMessageContaining("xml:base");
    }

    @Test
    void externalEntitiesAreNeverRead() throws IOException {
        Path secret = Files.writeString(temp.resolve("secret"), "TOP-SECRET");
        String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE repomd [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>\n"
                + repomd("repodata/p.xml.gz", "")
                        .replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", "")
                        .replace("<revision>1</revision>", "<revision>&x;</revision>");
        Repomd parsed = null;
        try {
            parsed = parseRepomd(xxe);
        } catch (RpmMetadataError e) {
            assertThat(e.getMessage()).doesNotContain("TOP-SECRET");
        }
        if (parsed != null) {
            assertThat(parsed.revision()).doesNotContain("TOP-SECRET");
        }
    }

    private static String primary(String packages, String body) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <metadata xmlns="http://linux.duke.edu/metadata/common" xmlns:rpm="http://linux.duke.edu/metadata/rpm" packages="%s">
                %s
                </metadata>
                """.formatted(packages, body);
    }

    private static String pkg(String href, String format) {
        return """
                <package type="rpm">
                  <name>foo</name>
                  <arch>riscv64</arch>
                  <version epoch="0" ver="1.0^git1" rel="2"/>
                  <checksum type="sha512" pkgid="YES">%s</checksum>
                  <size package="10" installed="20" archive="30"/>
                  <location href="%s"/>
                  <format>%s</format>
                </package>
                """.formatted("b".repeat(128), href, format);
    }

    private static List<RpmPackage> readPrimary(String xml) {
        List<RpmPackage> out = new ArrayList<>();
        PrimaryReader.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "primary.xml", out::add);
        return out;
    }

    @Test
    void primaryEntriesBecomeImmutableRecords() {
        String format = """
                <rpm:provides><rpm:entry name="foo" flags="EQ" epoch="0" ver="1.0^git1" rel="2"/></rpm:provides>
                <rpm:requires>
                  <rpm:entry name="(bar or baz)"/>
                  <rpm:entry name="/bin/sh" pre="1"/>
                </rpm:requires>
                <rpm:supplements><rpm:entry name="(foo-core and langpacks-de)"/></rpm:supplements>
                <rpm:enhances><rpm:entry name="qux" flags="GE" epoch="1" ver="2"/></rpm:enhances>
                <file>/usr/bin/foo</file><file type="dir">/etc/foo</file><file type="ghost">/var/log/foo</file>
                """;
        RpmPackage p = readPrimary(primary("1", pkg("Packages/f/foo-1.0^git1-2.riscv64.rpm", format)))
                .get(0);
        assertThat(p.nevra()).isEqualTo("foo-0:1.0^git1-2.riscv64");
        assertThat(p.file().checksum().type()).isEqualTo("sha512");
        assertThat(p.requires()).containsExactly(RpmDependency.parse("(bar or baz)"), RpmDependency.parse("/bin/sh"));
        assertThat(p.preRequires()).containsExactly(RpmDependency.parse("/bin/sh"));
        assertThat(p.supplements()).containsExactly(RpmDependency.parse("(foo-core and langpacks-de)"));
        assertThat(p.enhances()).containsExactly(RpmDependency.parse("qux >= 1:2"));
        assertThat(p.files())
                .containsExactly(
                        new ListedFile("/usr/bin/foo", ListedFile.Kind.FILE),
                        new ListedFile("/etc/foo", ListedFile.Kind.DIR),
                        new ListedFile("/var/log/foo", ListedFile.Kind.GHOST));
        assertThatThrownBy(() -> p.requires().add(RpmDependency.parse("x")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aHostilePackageLocationIsRefused() {
        assertThatThrownBy(() -> readPrimary(primary("1", pkg("../../../etc/passwd", ""))))
                .isInstanceOf(RpmMetadataError.class)
                .hasMessageContaining("package foo is unusable")
                .hasMessageContaining("is unsafe");
        assertThatThrownBy(() -> readPrimary(primary("1", pkg("https://other.invalid/foo.rpm", ""))))
                .hasMessageContaining("names a scheme");
    }

    @Test
    void aPrimaryCutShortOrWithBadEntriesSaysWhere() {
        assertThatThrownBy(() -> readPrimary(primary("2", pkg("Packages/foo.rpm", ""))))
                .hasMessageContaining("declares 2 packages but holds 1");
        assertThatThrownBy(() -> readPrimary(primary(
                        "1",
                        pkg(
                                "Packages/foo.rpm",
                                "<rpm:requires><rpm:entry name=\"bar\" flags=\"GREATER\" ver=\"1\"/></rpm:requires>"))))
                .hasMessageContaining("primary.xml line 10: package foo has an unusable dependency")
                .hasMessageContaining("flags 'GREATER'");
        assertThatThrownBy(() -> readPrimary(primary(
                        "1", pkg("Packages/foo.rpm", "<rpm:requires><rpm:entry name=\"(bar or\"/></rpm:requires>"))))
                .hasMessageContaining("the '(' here is never closed");
        assertThatThrownBy(() -> readPrimary(primary("1", pkg("Packages/foo.rpm", ""))
                        .replace("<package type=\"rpm\">\n  <name>foo</name>", "<package type=\"rpm\">")))
                .hasMessageContaining("lacks its name");
    }

    @Test
    void compressionIsToldByMagic() throws IOException {
        byte[] text = "<metadata/>".getBytes(StandardCharsets.UTF_8);
        Map<Compression, byte[]> compressed = Map.of(
                Compression.GZIP, compress(text, GZIPOutputStream::new),
                Compression.XZ, compress(text, o -> new XZOutputStream(o, new LZMA2Options())),
                Compression.ZSTD, compress(text, ZstdOutputStream::new),
                Compression.BZIP2, compress(text, BZip2CompressorOutputStream::new),
                Compression.NONE, text);
        for (Map.Entry<Compression, byte[]> e : compressed.entrySet()) {
            assertThat(MetadataCompression.detect(e.getValue())).isEqualTo(e.getKey());
            try (InputStream in = MetadataCompression.decode(new ByteArrayInputStream(e.getValue()), "x")) {
                assertThat(in.readAllBytes()).isEqualTo(text);
            }
        }
        byte[] zchunk = {0, 'Z', 'C', 'K', '1', 0, 0};
        assertThatThrownBy(() -> MetadataCompression.decode(new ByteArrayInputStream(zchunk), "p.xml.zck"))
                .hasMessageContaining("zchunk");
    }

    @Test
    void checksumsOfEachTypeAreChecked() {
        assertThat(new Checksum("SHA512", "C".repeat(128)).hex()).isEqualTo("c".repeat(128));
        assertThat(new Checksum("sha", "0".repeat(40)).type()).isEqualTo("sha1");
        assertThatThrownBy(() -> new Checksum("sha1", "0".repeat(64))).hasMessageContaining("40 hex digits");
        assertThatThrownBy(() -> new Checksum("sha256", "../../etc/passwd" + "0".repeat(48)))
                .hasMessageContaining("not a sha256 digest");
    }

    /** A repository whose primary inflates past the open-size repomd.xml names is refused while reading. */
    @Test
    void metadataCannotDecompressPastItsOpenSize() throws IOException {
        byte[] xml = primary("1", pkg("Packages/foo.rpm", "")).getBytes(StandardCharsets.UTF_8);
        byte[] gz = compress(xml, GZIPOutputStream::new);
        Path repo = Files.createDirectories(temp.resolve("repo/repodata"));
        Files.write(repo.resolve("primary.xml.gz"), gz);
        String sha512 = HexFormat.of().formatHex(digest("SHA-512", gz));
        Files.writeString(repo.resolve("repomd.xml"), """
                <repomd xmlns="http://linux.duke.edu/metadata/repo">
                  <data type="primary">
                    <checksum type="sha512">%s</checksum>
                    <location href="repodata/primary.xml.gz"/>
                    <size>%d</size>
                    <open-size>100</open-size>
                  </data>
                </repomd>
                """.formatted(sha512, gz.length));
        RpmMdRepository r = RpmMdRepository.open(new RpmRepoConfig(
                temp.resolve("repo").toUri(),
                List.of(RpmFixtureRepo.get().publicKey()),
                RepoTrust.SIGNED_PACKAGES,
                temp.resolve("cache")));
        assertThat(r.metadataFile("primary", DownloadListener.NONE))
                .isEqualTo(temp.resolve("cache/blobs/sha512").resolve(sha512));
        assertThatThrownBy(r::packages)
                .isInstanceOf(RpmMetadataError.class)
                .hasMessageContaining("decompresses to more than the 100 bytes");
    }

    @Test
    void repoFilesGiveBaseurlsWithVariablesSubstituted() {
        String text = """
                # openEuler style
                [OS]
                name=OS $releasever - $basearch
                baseurl=http://repo.invalid/openEuler-$releasever/OS/$basearch/
                        http://mirror.invalid/openEuler-${releasever}/OS/$basearch/
                enabled=1
                gpgcheck=1
                gpgkey=http://repo.invalid/openEuler-$releasever/OS/$basearch/RPM-GPG-KEY-openEuler

                [everything]
                baseurl=file:///srv/everything/$arch
                enabled=0
                repo_gpgcheck=yes
                """;
        List<RepoDefinition> repos = RepoFileParser.parse(
                text, "openEuler.repo", Map.of("releasever", "24.03-LTS", "basearch", "riscv64", "arch", "riscv64"));
        assertThat(repos).hasSize(2);
        RepoDefinition os = repos.get(0);
        assertThat(os.id()).isEqualTo("OS");
        assertThat(os.name()).isEqualTo("OS 24.03-LTS - riscv64");
        assertThat(os.baseUrls())
                .containsExactly(
                        URI.create("http://repo.invalid/openEuler-24.03-LTS/OS/riscv64/"),
                        URI.create("http://mirror.invalid/openEuler-24.03-LTS/OS/riscv64/"));
        assertThat(os.gpgKeys())
                .containsExactly(
                        URI.create("http://repo.invalid/openEuler-24.03-LTS/OS/riscv64/RPM-GPG-KEY-openEuler"));
        assertThat(os.gpgcheck()).isTrue();
        assertThat(os.repoGpgcheck()).isFalse();
        assertThat(os.enabled()).isTrue();
        assertThat(repos.get(1).enabled()).isFalse();
        assertThat(repos.get(1).repoGpgcheck()).isTrue();
    }

    @Test
    void repoFilesWithoutABaseurlOrWithUnknownsAreClearErrors() {
        Map<String, String> vars = Map.of("releasever", "42", "basearch", "riscv64");
        assertThatThrownBy(() -> RepoFileParser.parse(
                        "[fedora]\nmetalink=https://mirrors.invalid/metalink?repo=fedora-$releasever&arch=$basearch\n",
                        "fedora.repo",
                        vars))
                .isInstanceOf(RepoConfigError.class)
                .hasMessageContaining("fedora.repo (line 1)")
                .hasMessageContaining("only a metalink")
                .hasMessageContaining("Add a baseurl=");
        assertThatThrownBy(() -> RepoFileParser.parse("[a]\nbaseurl=http://x.invalid/$contentdir/\n", "a.repo", vars))
                .hasMessageContaining("uses $contentdir");
        assertThatThrownBy(() -> RepoFileParser.parse("[a]\nbaseurl=ftp://x.invalid/\n", "a.repo", vars))
                .hasMessageContaining("not an http://, https:// or file:// URL");
        assertThatThrownBy(
                        () -> RepoFileParser.parse("[a]\nbaseurl=http://x.invalid/\ngpgcheck=maybe\n", "a.repo", vars))
                .hasMessageContaining("gpgcheck=maybe");
        assertThatThrownBy(() -> RepoFileParser.parse("baseurl=http://x.invalid/\n", "a.repo", vars))
                .hasMessageContaining("line 1")
                .hasMessageContaining("before the first [repository-id]");
    }

    private interface Compressor {
        OutputStream wrap(OutputStream out) throws IOException;
    }

    private static byte[] compress(byte[] data, Compressor compressor) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = compressor.wrap(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
