package io.crossroot.image;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.crossroot.oci.ImageConfig;
import io.crossroot.rpm.repo.RecipeRepos;
import io.crossroot.rpm.repo.RpmRepoSet;
import java.util.List;
import java.util.Map;

/**
 * A recipe for 'crossroot image build' (YAML, see examples/): which Debian system (or, with 'repoType: rpm-md',
 * which RPM distribution's repositories) to build for which architectures, what to add to it, and how containers of
 * it start.
 */
public record ImageRecipe(
        @JsonProperty("distro") String distro,
        @JsonProperty("suite") String suite,
        @JsonProperty("variant") String variant,
        @JsonProperty("arches") List<String> arches,
        @JsonProperty("packages") List<String> packages,
        @JsonProperty("files") Map<String, String> files,
        @JsonProperty("run") List<String> run,
        @JsonProperty("env") Map<String, String> env,
        @JsonProperty("cmd") List<String> cmd,
        @JsonProperty("workdir") String workdir,
        @JsonProperty("labels") Map<String, String> labels,
        @JsonProperty("tag") String tag,
        @JsonProperty("scripts") Boolean scripts,
        @JsonProperty("skipScriptsOf") List<String> skipScriptsOf,
        @JsonProperty("repoType") String repoType,
        @JsonProperty("repos") List<String> repos,
        @JsonProperty("releasever") String releasever,
        @JsonProperty("gpgkeys") List<String> gpgkeys,
        @JsonProperty("keyFingerprints") List<String> keyFingerprints,
        @JsonProperty("weakDeps") Boolean weakDeps) {

    public static final String DEBIAN = "debian";

    public ImageRecipe {
        distro = distro == null ? DEBIAN : distro;
        suite = suite == null ? "trixie" : suite;
        arches = arches == null ? List.of() : List.copyOf(arches);
        packages = packages == null ? List.of() : List.copyOf(packages);
        files = files == null ? Map.of() : new java.util.LinkedHashMap<>(files);
        run = run == null ? List.of() : List.copyOf(run);
        env = env == null ? Map.of() : new java.util.LinkedHashMap<>(env);
        cmd = cmd == null ? List.of() : List.copyOf(cmd);
        labels = labels == null ? Map.of() : new java.util.TreeMap<>(labels);
        scripts = scripts == null ? Boolean.TRUE : scripts;
        skipScriptsOf = skipScriptsOf == null ? List.of() : List.copyOf(skipScriptsOf);
        repos = repos == null ? List.of() : List.copyOf(repos);
        gpgkeys = gpgkeys == null ? List.of() : List.copyOf(gpgkeys);
        keyFingerprints = keyFingerprints == null ? List.of() : List.copyOf(keyFingerprints);
    }

    /** Whether the trees come from rpm-md repositories ('repoType: rpm-md') rather than a Debian mirror. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isRpmMd() {
        return RecipeRepos.isRpmMd(repoType);
    }

    /** The rpm-md repositories of an rpm-md recipe. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public RpmRepoSet rpmRepos() {
        return new RpmRepoSet(repos, releasever, gpgkeys, keyFingerprints);
    }

    /** Whether weak dependencies are installed (dnf's default: yes). */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean installsWeakDeps() {
        return weakDeps == null || weakDeps;
    }

    /**
     * The variant asked for, else minbase, or custom (only the packages named) when no script runs: a distroless
     * image holds what it names, and the essential set could not be installed without its scripts.
     */
    @Override
    public String variant() {
        return variant != null ? variant : scripts ? "minbase" : "custom";
    }

    /** Whether maintainer scripts run (under emulation); false builds natively only ('scripts: false'). */
    @Override
    public Boolean scripts() {
        return scripts;
    }

    /** A recipe with nothing but defaults, for builds described by command-line flags alone. */
    public static ImageRecipe empty() {
        return new ImageRecipe(
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null);
    }

    public ImageConfig imageConfig() {
        List<String> envList = env.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .toList();
        return new ImageConfig(envList, cmd.isEmpty() ? List.of("/bin/sh") : cmd, workdir, labels);
    }

    public ImageRecipe withArches(List<String> a) {
        return with(d -> d.arches = a);
    }

    public ImageRecipe withSuite(String s) {
        return with(d -> d.suite = s);
    }

    public ImageRecipe withVariant(String v) {
        return with(d -> d.variant = v);
    }

    public ImageRecipe withMorePackages(List<String> more) {
        return with(d -> d.packages = union(packages, more));
    }

    /** Built without maintainer scripts ('scripts: false'). */
    public ImageRecipe withoutScripts() {
        return with(d -> d.scripts = false);
    }

    /** With further packages whose installation scripts a build without scripts may skip. */
    public ImageRecipe withSkipScriptsOf(List<String> more) {
        return with(d -> d.skipScriptsOf = union(skipScriptsOf, more));
    }

    public ImageRecipe withTag(String t) {
        return with(d -> d.tag = t);
    }

    private static List<String> union(List<String> first, List<String> more) {
        List<String> all = new java.util.ArrayList<>(first);
        more.stream().filter(p -> !all.contains(p)).forEach(all::add);
        return all;
    }

    /** This recipe with {@code change} made to a copy of its fields. */
    private ImageRecipe with(java.util.function.Consumer<Draft> change) {
        Draft d = new Draft(this);
        change.accept(d);
        return d.build();
    }

    /** Every field of a recipe, for the withers above to change one of. */
    private static final class Draft {
        String distro;
        String suite;
        String variant;
        List<String> arches;
        List<String> packages;
        Map<String, String> files;
        List<String> run;
        Map<String, String> env;
        List<String> cmd;
        String workdir;
        Map<String, String> labels;
        String tag;
        Boolean scripts;
        List<String> skipScriptsOf;
        String repoType;
        List<String> repos;
        String releasever;
        List<String> gpgkeys;
        List<String> keyFingerprints;
        Boolean weakDeps;

        Draft(ImageRecipe r) {
            distro = r.distro;
            suite = r.suite;
            variant = r.variant;
            arches = r.arches;
            packages = r.packages;
            files = r.files;
            run = r.run;
            env = r.env;
            cmd = r.cmd;
            workdir = r.workdir;
            labels = r.labels;
            tag = r.tag;
            scripts = r.scripts;
            skipScriptsOf = r.skipScriptsOf;
            repoType = r.repoType;
            repos = r.repos;
            releasever = r.releasever;
            gpgkeys = r.gpgkeys;
            keyFingerprints = r.keyFingerprints;
            weakDeps = r.weakDeps;
        }

        ImageRecipe build() {
            return new ImageRecipe(
                    distro,
                    suite,
                    variant,
                    arches,
                    packages,
                    files,
                    run,
                    env,
                    cmd,
                    workdir,
                    labels,
                    tag,
                    scripts,
                    skipScriptsOf,
                    repoType,
                    repos,
                    releasever,
                    gpgkeys,
                    keyFingerprints,
                    weakDeps);
        }
    }
}
