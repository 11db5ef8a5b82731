/** The public surface of src/template/: what other folders may import. */
export { CALL_FIELDS, TEMPLATE_ROOTS, TemplateEngine, templateEngine, type TemplateScope } from './engine';
