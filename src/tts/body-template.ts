/** What a request-body template may refer to. */
export interface BodyVariables {
  readonly text: string;
  readonly voice?: string;
  readonly language?: string;
}

/** The body sent when the config gives none. */
export const DEFAULT_BODY_TEMPLATE: Readonly<Record<string, unknown>> = { text: '{{text}}', voice: '{{voice}}', language: '{{language}}' };

const WHOLE = /^\{\{\s*(text|voice|language)\s*\}\}$/;
const PART = /\{\{\s*(text|voice|language)\s*\}\}/g;

/**
 * Fills a JSON body template: a string that is exactly `{{text}}`, `{{voice}}`
 * or `{{language}}` becomes that value (a missing voice or language drops the
 * key), placeholders inside longer strings are replaced as text, and
 * everything else is sent as written. Values are inserted as JSON data, never
 * re-parsed, so caller text cannot change the body's shape.
 */
export function fillBodyTemplate(template: unknown, vars: BodyVariables): unknown {
  if (typeof template === 'string') {
    const whole = WHOLE.exec(template);
    if (whole) return vars[whole[1] as keyof BodyVariables];
    return template.replace(PART, (_m, name: keyof BodyVariables) => vars[name] ?? '');
  }
  if (Array.isArray(template)) return template.map((item) => fillBodyTemplate(item, vars)).filter((v) => v !== undefined);
  if (typeof template === 'object' && template !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(template)) {
      const filled = fillBodyTemplate(value, vars);
      if (filled !== undefined) out[key] = filled;
    }
    return out;
  }
  return template;
}
