package io.crossroot.cli;

import java.util.List;
import picocli.CommandLine;

/**
 * The picocli models of crossroot's commands, built without reading annotations at run time: the build writes an
 * implementation from them ({@link CommandModelWriter}).
 */
interface CommandModels {
    /** A new command line for {@code command} (one of Main's command classes), or null if none was written for it. */
    CommandLine create(Class<?> command);

    /** The name and aliases of {@code command}, or an empty list if none was written for it. */
    List<String> names(Class<?> command);

    /** The models the build wrote, or null in a build that did not run the writer (an IDE's, for one). */
    static CommandModels written() {
        try {
            return (CommandModels) Class.forName(CommandModels.class.getPackageName() + "."
                    + CommandModelWriter.CLASS_NAME).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }
}
