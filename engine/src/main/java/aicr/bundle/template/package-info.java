/**
 * Go {@code text/template} for bundle manifests (bundle-templates.md §5.2).
 *
 * <p>The reference CLI renders component manifests with Go's text/template plus a handful of
 * Helm-named functions, and bundles are compared byte for byte, so this package reproduces Go's
 * behaviour rather than Helm's: the lexer, parser and executor follow the structure of Go's
 * implementation closely enough that output, {@code <no value>}/{@code <nil>} printing, fmt
 * verbs and error messages (including their line:column positions) come out identical.
 *
 * <p>Public surface: {@link aicr.bundle.template.GoTemplate} (parse, execute),
 * {@link aicr.bundle.template.GoStruct} (Go struct values such as {@code .Release}) and
 * {@link aicr.bundle.template.TemplateException}. Everything else is package-private.
 *
 * <p>Not modelled: methods on data values, complex-number literals, custom delimiters,
 * {@code missingkey} options other than Go's default, and the post-render YAML normalisation of
 * §5.3 (a separate step).
 */
package aicr.bundle.template;
