/**
 * A Jupyter kernel for Java that runs the project's notebooks (IJava dialect) in the kernel's own JVM.
 *
 * <p>This package owns: the JShell evaluator with local execution ({@link org.unate.kernel.JShellEvaluator}), cell
 * execution with line magics and output routing ({@link org.unate.kernel.KernelSession}), rich display for cells
 * ({@link org.unate.kernel.Display}, {@link org.unate.kernel.Renderers}), the Jupyter protocol binding on
 * jupyter-jvm-basekernel ({@link org.unate.kernel.JavaKernel}) and the entry point that runs or installs the kernel
 * ({@link org.unate.kernel.KernelMain}, {@link org.unate.kernel.KernelSpec}).
 *
 * <p>Snippets run in the kernel JVM (JShell "local" execution), so native libraries loaded by cells (TensorFlow) and
 * objects handed to {@code display(...)} are ordinary objects of this process. See {@code docs/kernel.md}.
 */
package org.unate.kernel;
