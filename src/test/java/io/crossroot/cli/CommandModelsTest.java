package io.crossroot.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** The command models the build wrote must be the models picocli reads from the annotations. */
class CommandModelsTest {
    private static final CommandModels WRITTEN = CommandModels.written();

    static Stream<Class<?>> commands() {
        return CommandModelWriter.commandClasses().stream();
    }

    @Test
    void theBuildWroteModelsForEveryCommand() {
        assertThat(WRITTEN).as("GeneratedCommandModels, written by the build's process-classes phase").isNotNull();
        commands().forEach(c -> assertThat(WRITTEN.create(c)).as(c.getName()).isNotNull());
        assertThat(WRITTEN.create(CommandLine.HelpCommand.class)).isNull();
    }

    @ParameterizedTest
    @MethodSource("commands")
    void writtenModelEqualsTheAnnotations(Class<?> command) throws ReflectiveOperationException {
        CommandLine written = WRITTEN.create(command);
        CommandLine reflected = new CommandLine(command);
        CommandSpec w = written.getCommandSpec();
        CommandSpec r = reflected.getCommandSpec();
        assertThat(written.getUsageMessage()).isEqualTo(reflected.getUsageMessage());
        assertThat(w.name()).isEqualTo(r.name());
        assertThat(WRITTEN.names(command)).containsExactlyElementsOf(
                Stream.concat(Stream.of(r.name()), Arrays.stream(r.aliases())).toList());
        assertThat(fingerprints(w)).containsExactlyElementsOf(fingerprints(r));
        assertThat(w.mixins().keySet()).containsExactlyElementsOf(r.mixins().keySet());
        assertThat(w.mixinStandardHelpOptions()).isEqualTo(r.mixinStandardHelpOptions());
        assertThat(w.versionProvider() == null ? null : w.versionProvider().getClass())
                .isEqualTo(r.versionProvider() == null ? null : r.versionProvider().getClass());
        assertThat(w.version()).isEqualTo(r.version());
        assertInjected(w.userObject(), w, null);
    }

    @Test
    void parsingFillsTheSameFields() throws ReflectiveOperationException {
        String[] args = {"--arch", "riscv64,arm64", "--include", "a", "--include", "b,c", "--rootfs", "riscv64=/x",
                "--rootfs", "arm64=/y", "--load", "--tag", "t:1", "--compression", "none", "--source-date-epoch", "7",
                "--mirror", "file:///m", "--keyring", "/k", "--snapshot", "--sandbox", "docker", "recipe.yaml"};
        CommandLine written = WRITTEN.create(ImageCommand.Build.class);
        CommandLine reflected = new CommandLine(ImageCommand.Build.class);
        written.parseArgs(args);
        reflected.parseArgs(args);
        assertThat(fieldValues(written.getCommand())).isEqualTo(fieldValues(reflected.getCommand()))
                .contains("include=[a, b, c]", "compression=none", "sourceDateEpoch=7", "recipe=recipe.yaml",
                        "repository.snapshot=true", "sandbox.kind=docker");
        // a second parse starts from the initial values, as picocli's own does
        written.parseArgs("--load");
        reflected.parseArgs("--load");
        assertThat(fieldValues(written.getCommand())).isEqualTo(fieldValues(reflected.getCommand()))
                .contains("include=[]", "compression=gzip", "arches=null", "sandbox.kind=auto");
    }

    @CommandLine.Command(name = "grouped")
    static class Grouped {
        @CommandLine.ArgGroup(exclusive = true)
        Choice choice;

        static class Choice {
            @CommandLine.Option(names = "-a")
            boolean a;

            @CommandLine.Option(names = "-b")
            boolean b;
        }
    }

    @Test
    void whatTheWriterCannotWriteIsRefusedNamingTheCommand() {
        CommandModelWriter writer = new CommandModelWriter();
        assertThatThrownBy(() -> writer.specMethod(Grouped.class, new CommandLine(Grouped.class).getCommandSpec()))
                .hasMessageContaining(Grouped.class.getName()).hasMessageContaining("argument groups");
    }

    @Test
    void literalsEscapeWhatJavaSourceCannotHoldAsIs() {
        assertThat(CommandModelWriter.literal("a\"b\\c\nd\u00e9")).isEqualTo("\"a\\\"b\\\\c\\nd\\u00e9\"");
    }

    /** Every attribute picocli gives an argument, in the command's order. */
    private static List<String> fingerprints(CommandSpec spec) {
        List<String> all = new ArrayList<>();
        for (ArgSpec a : spec.args()) {
            List<Object> f = new ArrayList<>();
            if (a instanceof OptionSpec o) {
                f.addAll(List.of(Arrays.asList(o.names()), o.usageHelp(), o.versionHelp(), o.negatable(),
                        String.valueOf(o.fallbackValue()), o.order()));
            } else {
                f.add("index " + ((PositionalParamSpec) a).index());
            }
            f.addAll(Arrays.asList(a.type(), Arrays.asList(a.auxiliaryTypes()), a.arity(), a.arity().isUnspecified(),
                    a.paramLabel(), a.hideParamSyntax(), a.required(), a.hidden(), a.interactive(), a.echo(),
                    String.valueOf(a.prompt()), a.splitRegex(), a.splitRegexSynopsisLabel(),
                    String.valueOf(a.defaultValue()), a.showDefaultValue(), String.valueOf(a.descriptionKey()),
                    Arrays.asList(a.description()), String.valueOf(a.initialValue()), a.hasInitialValue(),
                    a.converters().length, String.valueOf(a.mapFallbackValue()), a.scopeType(), a.inherited(),
                    a.isMultiValue(), a.typeInfo().isCollection(), a.typeInfo().isMap(), a.typeInfo().isArray(),
                    a.typeInfo().isBoolean(), a.typeInfo().isEnum(), String.valueOf(a.completionCandidates())));
            all.add(f.toString());
        }
        return all;
    }

    /** Every {@code @Spec} field holds its spec (or the mixee's), and every mixin field its mixin. */
    private static void assertInjected(Object user, CommandSpec spec, CommandSpec mixee)
            throws ReflectiveOperationException {
        for (Field f : user.getClass().getDeclaredFields()) {
            f.setAccessible(true);
            CommandLine.Spec s = f.getAnnotation(CommandLine.Spec.class);
            if (s != null) {
                assertThat(f.get(user)).as(f.toString())
                        .isSameAs(s.value() == CommandLine.Spec.Target.MIXEE ? mixee : spec);
            }
            if (f.isAnnotationPresent(CommandLine.Mixin.class)) {
                CommandSpec mixin = spec.mixins().get(f.getName());
                assertThat(mixin).as(f.toString()).isNotNull();
                assertThat(f.get(user)).as(f.toString()).isSameAs(mixin.userObject());
                assertInjected(mixin.userObject(), mixin, spec);
            }
        }
    }

    /** name=value of every field of the command and its mixins (mixin fields prefixed with the mixin's name). */
    private static List<String> fieldValues(Object user) throws ReflectiveOperationException {
        List<String> values = new ArrayList<>();
        for (Field f : user.getClass().getDeclaredFields()) {
            f.setAccessible(true);
            Object v = f.get(user);
            if (f.isAnnotationPresent(CommandLine.Mixin.class)) {
                for (String inner : fieldValues(v)) {
                    values.add(f.getName() + "." + inner);
                }
            } else if (!(v instanceof CommandSpec) && !java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
                values.add(f.getName() + "=" + v);
            }
        }
        return values;
    }
}
