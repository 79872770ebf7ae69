package io.crossroot.cli;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IAnnotatedElement;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Writes {@code GeneratedCommandModels.java} when crossroot is built (Maven's process-classes phase): code that
 * builds each command's picocli model through picocli's programmatic API, written from the model picocli reads
 * reflectively from the annotations. Reading annotations at run time makes the JDK generate a proxy class per
 * annotation type (class-file generation, run cold) and picocli reflect over every member, about 0.15 s of CPU at
 * each start; the written models need neither. The annotations stay the one source: this runs on every build, and
 * CommandModelsTest holds every written model equal to the reflected one.
 * <p>
 * It writes what crossroot's commands use (options, positional parameters, mixins, {@code @Spec} fields, a version
 * provider) and refuses, naming the command, what it does not write (converters, argument groups, and the like).
 */
public final class CommandModelWriter {
    static final String CLASS_NAME = "GeneratedCommandModels";
    /** picocli's mixin behind {@code mixinStandardHelpOptions}: a private class, so its values live in an array. */
    private static final String STANDARD_HELP = "mixinStandardHelpOptions";

    private final StringBuilder methods = new StringBuilder();
    private final Map<Class<?>, String> written = new LinkedHashMap<>();

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: CommandModelWriter SOURCE_ROOT");
            System.exit(Main.EXIT_USAGE);
        }
        Path file = Path.of(args[0], "io", "crossroot", "cli", CLASS_NAME + ".java");
        String source = new CommandModelWriter().source();
        if (Files.exists(file) && Files.readString(file).equals(source)) {
            return; // unchanged: the compile step after this one has nothing to redo
        }
        Files.createDirectories(file.getParent());
        Path aside = file.resolveSibling(CLASS_NAME + ".java.part");
        Files.writeString(aside, source);
        Files.move(aside, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Every class Main builds a model of: the top command, its subcommands and theirs (picocli's help excepted). */
    static List<Class<?>> commandClasses() {
        List<Class<?>> all = new ArrayList<>();
        all.add(CrossrootCommand.class);
        for (Class<?> c : CrossrootCommand.SUBCOMMANDS) {
            if (c != CommandLine.HelpCommand.class) {
                all.add(c);
                all.addAll(CrossrootCommand.GROUPS.getOrDefault(c, List.of()));
            }
        }
        return all;
    }

    String source() {
        StringBuilder dispatch = new StringBuilder();
        StringBuilder names = new StringBuilder();
        for (Class<?> c : commandClasses()) {
            CommandSpec reflected = new CommandLine(c).getCommandSpec();
            String method = specMethod(c, reflected);
            dispatch.append("        if (command == ").append(c.getCanonicalName()).append(".class) {\n")
                    .append("            return new CommandLine(").append(method).append("(new ")
                    .append(c.getCanonicalName()).append("(), null));\n        }\n");
            List<String> all = new ArrayList<>(List.of(reflected.name()));
            all.addAll(List.of(reflected.aliases()));
            names.append("        if (command == ").append(c.getCanonicalName()).append(".class) {\n")
                    .append("            return List.of(").append(all.stream().map(CommandModelWriter::literal)
                            .collect(Collectors.joining(", "))).append(");\n        }\n");
        }
        return """
                // Written by CommandModelWriter from the picocli annotations of crossroot's commands when crossroot is
                // built; do not edit (change the annotations).
                package io.crossroot.cli;

                import java.util.List;
                import java.util.function.Consumer;
                import java.util.function.Supplier;
                import picocli.CommandLine;
                import picocli.CommandLine.Model.CommandSpec;
                import picocli.CommandLine.Model.OptionSpec;
                import picocli.CommandLine.Model.PositionalParamSpec;

                @SuppressWarnings({"unchecked", "rawtypes", "cast"})
                final class %s implements CommandModels {
                    @Override
                    public CommandLine create(Class<?> command) {
                %s        return null;
                    }

                    @Override
                    public List<String> names(Class<?> command) {
                %s        return List.of();
                    }

                    /** A field as picocli's getter and setter. */
                    private record Binding(Supplier<Object> getter, Consumer<Object> setter)
                            implements CommandLine.Model.IGetter, CommandLine.Model.ISetter {
                        @Override
                        public <T> T get() {
                            return (T) getter.get();
                        }

                        @Override
                        public <T> T set(T value) {
                            T old = (T) getter.get();
                            setter.accept(value);
                            return old;
                        }
                    }
                %s}
                """.formatted(CLASS_NAME, dispatch, names, methods);
    }

    /** Writes (once per class) the method that builds {@code type}'s spec around an instance, and returns its name. */
    String specMethod(Class<?> type, CommandSpec reflected) {
        String existing = written.get(type);
        if (existing != null) {
            return existing;
        }
        String name = methodName(type);
        written.put(type, name);
        refuseUnwritten(type, reflected);
        // picocli's own mixin (the standard help options) is a class this code cannot name: its values live in an
        // array instead
        boolean holder = !Modifier.isPublic(type.getModifiers()) && type.getPackageName().equals("picocli");
        StringBuilder m = new StringBuilder();
        m.append("\n    private static CommandSpec ").append(name).append("(")
                .append(holder ? "Object[] o" : type.getCanonicalName() + " o").append(", CommandSpec mixee) {\n");
        m.append("        CommandSpec s = CommandSpec.wrapWithoutInspection(o);\n");
        if (type.isAnnotationPresent(CommandLine.Command.class)) {
            m.append("        s.name(").append(literal(reflected.name())).append(");\n");
            if (reflected.aliases().length > 0) {
                m.append("        s.aliases(").append(literals(reflected.aliases())).append(");\n");
            }
        }
        if (reflected.usageMessage().description().length > 0) {
            m.append("        s.usageMessage().description(").append(literals(reflected.usageMessage().description()))
                    .append(");\n");
        }
        if (reflected.versionProvider() != null
                && !reflected.versionProvider().getClass().getPackageName().equals("picocli")) {
            m.append("        s.versionProvider(new ").append(reflected.versionProvider().getClass().getCanonicalName())
                    .append("());\n");
        }
        // Own arguments and mixins, in the reflected order (mixin arguments arrive together, where the mixin is)
        Map<ArgSpec, String> mixinOf = new IdentityHashMap<>();
        reflected.mixins().forEach((key, mixin) -> mixin.args().forEach(a -> mixinOf.put(a, key)));
        List<String> mixinsAdded = new ArrayList<>();
        int slot = 0;
        for (ArgSpec arg : reflected.args()) {
            String mixin = mixinOf.get(arg);
            if (mixin != null) {
                if (!mixinsAdded.contains(mixin)) {
                    mixinsAdded.add(mixin);
                    m.append(mixinCall(type, reflected, mixin));
                }
                continue;
            }
            String binding;
            Object initial;
            if (holder) {
                initial = arg.initialValue();
                binding = "new Binding(() -> o[" + slot + "], v -> o[" + slot + "] = v)";
                m.append("        o[").append(slot).append("] = ").append(valueLiteral(initial, type)).append(";\n");
                slot++;
            } else {
                Field field = field(type, arg);
                binding = "new Binding(() -> o." + field.getName() + ", v -> o." + field.getName() + " = ("
                        + typeName(field.getGenericType()) + ") v)";
            }
            String builder = arg.isOption() ? "OptionSpec.Builder" : "PositionalParamSpec.Builder";
            m.append("        {\n            Binding b = ").append(binding).append(";\n");
            m.append("            ").append(builder).append(" a = ").append(argBuilder(arg)).append(";\n");
            // its setter returns the untyped builder, so it stands alone; the annotations' default is null, the
            // builder's a marker of its own
            m.append("            a.mapFallbackValue(").append(arg.mapFallbackValue() == null ? "null"
                    : literal(arg.mapFallbackValue())).append(");\n");
            m.append("            s.").append(arg.isOption() ? "addOption" : "addPositional")
                    .append("(a.getter(b).setter(b).hasInitialValue(").append(arg.hasInitialValue())
                    .append(").initialValue(b.get()).build());\n        }\n");
        }
        for (String mixin : reflected.mixins().keySet()) {
            if (!mixinsAdded.contains(mixin)) { // a mixin with no arguments
                m.append(mixinCall(type, reflected, mixin));
            }
        }
        for (Field f : fields(type)) {
            CommandLine.Spec spec = f.getAnnotation(CommandLine.Spec.class);
            if (spec != null) {
                m.append("        o.").append(f.getName()).append(" = ")
                        .append(spec.value() == CommandLine.Spec.Target.MIXEE ? "mixee" : "s").append(";\n");
            }
        }
        m.append("        return s;\n    }\n");
        methods.append(m);
        return name;
    }

    private String mixinCall(Class<?> type, CommandSpec reflected, String key) {
        CommandSpec mixin = reflected.mixins().get(key);
        Class<?> mixinType = mixin.userObject().getClass();
        String method = specMethod(mixinType, mixin);
        if (key.equals(STANDARD_HELP)) {
            return "        s.addMixin(" + literal(key) + ", " + method + "(new Object[" + mixin.args().size()
                    + "], s));\n";
        }
        IAnnotatedElement element = reflected.mixinAnnotatedElements().get(key);
        Field field = element == null ? null : declaredField(type, element.getName());
        if (field == null) {
            throw new IllegalStateException(type.getName() + ": mixin '" + key + "' is not a field, which "
                    + "CommandModelWriter does not write");
        }
        String f = "o." + field.getName();
        return "        if (" + f + " == null) {\n            " + f + " = new " + mixinType.getCanonicalName()
                + "();\n        }\n        s.addMixin(" + literal(key) + ", " + method + "(" + f + ", s));\n";
    }

    /** The builder call chain that gives {@code arg} every attribute the reflected one has. */
    private static String argBuilder(ArgSpec arg) {
        StringBuilder b = new StringBuilder();
        if (arg instanceof OptionSpec o) {
            b.append("OptionSpec.builder(").append(literals(o.names())).append(")");
            flag(b, o.usageHelp(), "usageHelp");
            flag(b, o.versionHelp(), "versionHelp");
            flag(b, o.negatable(), "negatable");
            if (o.fallbackValue() != null && !o.fallbackValue().isEmpty()) {
                b.append(".fallbackValue(").append(literal(o.fallbackValue())).append(")");
            }
            if (o.order() != -1) {
                b.append(".order(").append(o.order()).append(")");
            }
        } else {
            PositionalParamSpec p = (PositionalParamSpec) arg;
            b.append("PositionalParamSpec.builder()");
            b.append(".index(").append(range(p.index())).append(")");
        }
        b.append("\n                    .type(").append(classLiteral(arg.type())).append(")");
        b.append(".auxiliaryTypes(").append(Arrays.stream(arg.auxiliaryTypes()).map(CommandModelWriter::classLiteral)
                .collect(Collectors.joining(", "))).append(")");
        // as resolved (an unspecified arity is resolved from the field's type, which the builder does not see)
        b.append(".arity(").append(range(arg.arity())).append(")");
        b.append("\n                    .paramLabel(").append(literal(arg.paramLabel())).append(")");
        flag(b, arg.hideParamSyntax(), "hideParamSyntax");
        flag(b, arg.required(), "required");
        flag(b, arg.hidden(), "hidden");
        flag(b, arg.interactive(), "interactive");
        if (!arg.splitRegex().isEmpty()) {
            b.append(".splitRegex(").append(literal(arg.splitRegex())).append(")");
        }
        if (!arg.splitRegexSynopsisLabel().isEmpty()) {
            b.append(".splitRegexSynopsisLabel(").append(literal(arg.splitRegexSynopsisLabel())).append(")");
        }
        if (arg.defaultValue() != null) {
            b.append(".defaultValue(").append(literal(arg.defaultValue())).append(")");
        }
        if (arg.showDefaultValue() != CommandLine.Help.Visibility.ON_DEMAND) {
            b.append(".showDefaultValue(CommandLine.Help.Visibility.").append(arg.showDefaultValue().name()).append(")");
        }
        // the annotations give "" where the builder leaves null
        if (arg.descriptionKey() != null) {
            b.append(".descriptionKey(").append(literal(arg.descriptionKey())).append(")");
        }
        if (arg.prompt() != null) {
            b.append(".prompt(").append(literal(arg.prompt())).append(")");
        }
        b.append("\n                    .description(").append(literals(arg.description())).append(")");
        return b.toString();
    }

    /** Appends {@code .method(true)} where the attribute is set; false is every builder's default. */
    private static void flag(StringBuilder b, boolean set, String method) {
        if (set) {
            b.append('.').append(method).append("(true)");
        }
    }

    /** What the written models would leave out: refused, so no command quietly loses an attribute. */
    private static void refuseUnwritten(Class<?> type, CommandSpec reflected) {
        List<String> unwritten = new ArrayList<>();
        if (!reflected.argGroups().isEmpty()) {
            unwritten.add("argument groups");
        }
        if (!reflected.unmatchedArgsBindings().isEmpty()) {
            unwritten.add("@Unmatched");
        }
        if (!reflected.subcommands().isEmpty()) {
            unwritten.add("subcommands named in @Command (Main adds them: CrossrootCommand.SUBCOMMANDS, GROUPS)");
        }
        if (!reflected.parentCommandElements().isEmpty()) {
            unwritten.add("@ParentCommand");
        }
        for (ArgSpec arg : reflected.args()) {
            String what = (arg.isOption() ? ((OptionSpec) arg).longestName() : arg.paramLabel()) + " ";
            if (arg.converters().length > 0) {
                unwritten.add(what + "converter");
            }
            if (arg.parameterConsumer() != null) {
                unwritten.add(what + "parameterConsumer");
            }
            if (arg.preprocessor() != null && !arg.preprocessor().getClass().getName().startsWith("picocli.")) {
                unwritten.add(what + "preprocessor");
            }
            if (arg.scopeType() != CommandLine.ScopeType.LOCAL || arg.inherited()) {
                unwritten.add(what + "scope");
            }
            if (arg.echo() || (arg.prompt() != null && !arg.prompt().isEmpty())) {
                unwritten.add(what + "echo/prompt");
            }
        }
        if (!unwritten.isEmpty()) {
            throw new IllegalStateException(type.getName() + " uses what CommandModelWriter does not write: "
                    + String.join(", ", unwritten) + ". Teach CommandModelWriter to write it.");
        }
    }

    /** The field an argument is bound to: picocli keeps it as the argument's user object. */
    private static Field field(Class<?> type, ArgSpec arg) {
        Field f = arg.userObject() instanceof Field field ? field : null;
        if (f == null || Modifier.isPrivate(f.getModifiers()) || Modifier.isFinal(f.getModifiers())) {
            throw new IllegalStateException(type.getName() + ": " + arg + " is not bound to a non-private, non-final "
                    + "field, which CommandModelWriter needs to write its model");
        }
        return f;
    }

    private static Field declaredField(Class<?> type, String name) {
        for (Field f : fields(type)) {
            if (f.getName().equals(name)) {
                return f;
            }
        }
        return null;
    }

    private static List<Field> fields(Class<?> type) {
        List<Field> all = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            all.addAll(Arrays.asList(c.getDeclaredFields()));
        }
        return all;
    }

    private static String methodName(Class<?> type) {
        String simple = type.getName().substring(type.getName().lastIndexOf('.') + 1).replace("$", "");
        return Character.toLowerCase(simple.charAt(0)) + simple.substring(1);
    }

    private static String typeName(Type t) {
        if (t instanceof Class<?> c) {
            return c.isPrimitive() ? boxed(c).getSimpleName() : c.getCanonicalName();
        }
        if (t instanceof ParameterizedType p) {
            return typeName(p.getRawType()) + Arrays.stream(p.getActualTypeArguments()).map(CommandModelWriter::typeName)
                    .collect(Collectors.joining(", ", "<", ">"));
        }
        if (t instanceof WildcardType w && w.getLowerBounds().length == 0 && w.getUpperBounds()[0] == Object.class) {
            return "?";
        }
        throw new IllegalStateException("CommandModelWriter does not write fields of type " + t.getTypeName());
    }

    private static Class<?> boxed(Class<?> primitive) {
        return java.lang.invoke.MethodType.methodType(primitive).wrap().returnType();
    }

    private static String range(CommandLine.Range r) {
        return "new CommandLine.Range(" + r.min() + ", " + r.max() + ", " + r.isVariable() + ", " + r.isUnspecified()
                + ", " + (r.originalValue() == null ? "null" : literal(r.originalValue())) + ")";
    }

    private static String classLiteral(Class<?> c) {
        return c.getCanonicalName() + ".class";
    }

    private static String valueLiteral(Object value, Class<?> type) {
        if (value == null || value instanceof Boolean || value instanceof Integer) {
            return String.valueOf(value);
        }
        if (value instanceof String s) {
            return literal(s);
        }
        throw new IllegalStateException(type.getName() + ": CommandModelWriter cannot write the initial value " + value);
    }

    private static String literals(String[] values) {
        return Arrays.stream(values).map(CommandModelWriter::literal)
                .collect(Collectors.joining(", ", "new String[] {", "}"));
    }

    static String literal(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
