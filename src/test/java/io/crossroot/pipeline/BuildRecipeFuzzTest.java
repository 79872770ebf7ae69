package io.crossroot.pipeline;

import static io.crossroot.testing.Fuzzing.acceptsOrExplains;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.crossroot.image.RecipeReader;
import io.crossroot.testing.Fuzzing;

/** Recipes written by others: the build recipe and the image recipe, both YAML. */
class BuildRecipeFuzzTest {
    @FuzzTest
    void buildRecipe(byte[] data) throws Exception {
        acceptsOrExplains(() -> BuildRecipe.parse(data, "fuzz.yaml"));
    }

    @FuzzTest
    void imageRecipe(byte[] data) throws Exception {
        acceptsOrExplains(() -> RecipeReader.read(Fuzzing.file(data, ".yaml")));
    }
}
