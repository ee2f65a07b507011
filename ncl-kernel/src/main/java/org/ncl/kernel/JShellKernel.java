// SPDX-License-Identifier: Apache-2.0
package org.ncl.kernel;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.ReplacementOptions;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.common.Text;
import io.github.spencerpark.jupyter.kernel.display.common.Url;
import io.github.spencerpark.jupyter.kernel.magic.registry.Magics;
import io.github.spencerpark.jupyter.kernel.magic.registry.UndefinedMagicException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import jdk.jshell.SourceCodeAnalysis;
import org.eclipse.aether.repository.WorkspaceReader;
import org.ncl.kernel.maven.LocalMavenResolver;
import org.ncl.kernel.runtime.Session;

/**
 * The kernel: evaluates cells with {@link CellEvaluator}, answers Jupyter's completion, inspection and
 * is-complete requests from JShell's source analysis, shows the value of a cell's last expression as rich output,
 * and runs {@link KernelMagics}. Cells call back into it through {@link Session} ({@code display}, the magics).
 */
public final class JShellKernel extends BaseKernel implements Session {

    private static final String SUPPORTED_MAGICS =
            "%maven, %addMavenDependency, %addMavenDependencies, " + "%mavenRepo, %addMavenRepo, %jars, %classpath";

    private final CellEvaluator evaluator;
    private final Magics magics = new Magics();
    private final Path localRepository;
    private final WorkspaceReader workspace;
    /** Guards the resolver (not the kernel itself: BaseKernel holds that lock while a cell runs). */
    private final Object resolverLock = new Object();

    private LocalMavenResolver resolver;
    private final LanguageInfo languageInfo = new LanguageInfo.Builder("Java")
            .version(Runtime.version().toString())
            .mimetype("text/x-java-source")
            .fileExtension(".jshell")
            .pygments("java")
            .codemirror("java")
            .build();

    /**
     * @param directory the working directory (relative globs of {@code %jars} and {@code %classpath})
     * @param localRepository the local Maven repository {@code %maven} resolves from
     * @param workspace a build tree that {@code %maven} prefers to the repository, or null
     * @param runtimeClasses the classes of {@link org.ncl.kernel.runtime} for the compiler ({@link RuntimeClasses})
     */
    public JShellKernel(Path directory, Path localRepository, WorkspaceReader workspace, Path runtimeClasses)
            throws CellException {
        this.localRepository = localRepository;
        this.workspace = workspace;
        // the base library's renderer, without its image renderers (they lose an image's last bytes)
        this.renderer = new Renderer();
        ImageRenderers.registerAll(renderer);
        Url.registerAll(renderer);
        Text.registerAll(renderer);
        Session.install(this);
        this.evaluator = new CellEvaluator(runtimeClasses);
        magics.registerMagics(new KernelMagics(evaluator::addToClasspath, this::resolver, directory, () -> System.err));
    }

    private LocalMavenResolver resolver() {
        synchronized (resolverLock) {
            if (resolver == null) {
                resolver = new LocalMavenResolver(localRepository, workspace);
            }
            return resolver;
        }
    }

    @Override
    public LanguageInfo getLanguageInfo() {
        return languageInfo;
    }

    @Override
    public String getBanner() {
        return "Java " + Runtime.version() + " :: ncl-kernel (JShell; IJava's magics " + SUPPORTED_MAGICS + ")";
    }

    /**
     * Runs a cell; its value rendered for Jupyter, or null.
     *
     * @throws CellException if the cell fails
     */
    @Override
    public DisplayData eval(String code) throws CellException {
        Object value = evaluator.eval(code);
        if (value == null) {
            return null;
        }
        return value instanceof DisplayData d ? d : getRenderer().render(value);
    }

    @Override
    public List<String> formatError(Exception e) {
        if (e instanceof CellException c) {
            return c.report();
        }
        return super.formatError(e);
    }

    @Override
    public String isComplete(String code) {
        SourceCodeAnalysis analysis = evaluator.shell().sourceCodeAnalysis();
        SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(code);
        while (info.completeness().isComplete()) {
            info = analysis.analyzeCompletion(info.remaining());
        }
        return switch (info.completeness()) {
            case EMPTY, COMPLETE, COMPLETE_WITH_SEMI -> IS_COMPLETE_YES;
            case UNKNOWN -> IS_COMPLETE_BAD;
            case CONSIDERED_INCOMPLETE, DEFINITELY_INCOMPLETE -> "    ";
        };
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions =
                evaluator.shell().sourceCodeAnalysis().completionSuggestions(code, at, anchor);
        if (suggestions == null || suggestions.isEmpty()) {
            return null;
        }
        List<String> options = new ArrayList<>();
        suggestions.stream()
                .sorted((a, b) -> Boolean.compare(b.matchesType(), a.matchesType()))
                .map(SourceCodeAnalysis.Suggestion::continuation)
                .distinct()
                .forEach(options::add);
        return new ReplacementOptions(options, anchor[0], at);
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        int end = at;
        while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) {
            end++;
        }
        List<SourceCodeAnalysis.Documentation> docs =
                evaluator.shell().sourceCodeAnalysis().documentation(code, end, true);
        if (docs == null || docs.isEmpty()) {
            return null;
        }
        return new DisplayData(docs.stream()
                .map(d -> d.javadoc() == null ? d.signature() : d.signature() + "\n" + d.javadoc())
                .collect(Collectors.joining("\n\n")));
    }

    @Override
    public void interrupt() {
        evaluator.interrupt();
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        evaluator.close();
        synchronized (resolverLock) {
            if (resolver != null) {
                resolver.close();
            }
        }
    }

    @Override
    public String display(Object value, String... mimeTypes) {
        DisplayData data = render(value, mimeTypes);
        String id = data.getDisplayId();
        if (id == null) {
            id = UUID.randomUUID().toString();
            data.setDisplayId(id);
        }
        display(data);
        return id;
    }

    @Override
    public void updateDisplay(String id, Object value, String... mimeTypes) {
        getIO().display.updateDisplay(id, render(value, mimeTypes));
    }

    private DisplayData render(Object value, String... mimeTypes) {
        return mimeTypes.length == 0
                ? getRenderer().render(value)
                : getRenderer().renderAs(value, mimeTypes);
    }

    @Override
    public Object lineMagic(String name, List<String> args) throws Exception {
        try {
            return magics.applyLineMagic(name, args);
        } catch (UndefinedMagicException e) {
            throw new IllegalArgumentException(
                    "%" + name + " is not a magic of this kernel (it has " + SUPPORTED_MAGICS + ")", e);
        }
    }

    @Override
    public Object cellMagic(String name, List<String> args, String body) throws Exception {
        try {
            return magics.applyCellMagic(name, args, body);
        } catch (UndefinedMagicException e) {
            throw new IllegalArgumentException(
                    "%%" + name + " is not a magic of this kernel (it has no cell magics;" + " its line magics are "
                            + SUPPORTED_MAGICS + ")",
                    e);
        }
    }
}
