/** The public surface of src/diagnostics/: what other folders may import. */
export type { DiagnosticCode } from './codes';
export { diagnostic, hasErrors, sortDiagnostics, type Diagnostic, type RelatedLocation, type Severity } from './diagnostic';
export { closestName, didYouMean } from './did-you-mean';
export { countSummary } from './format-pretty';
export { DIAGNOSTIC_FORMATS, formatDiagnostics, type DiagnosticFormat } from './format';
