import type { Diagnostic } from '../../diagnostics/diagnostic';
import { didYouMean } from '../../diagnostics/did-you-mean';
import { walkSteps } from '../walk-steps';
import { at, type Rule } from './rule';

/** UNKNOWN_HTTP_SERVICE: an http step names a service that `http_services` in the config does not declare. */
export const unknownHttpServiceRule: Rule = {
  name: 'unknown-http-service',
  check(app) {
    const declared = Object.keys(app.settings.httpServices ?? {});
    const out: Diagnostic[] = [];
    for (const flow of app.flows.values()) {
      walkSteps(flow.steps, app.steps, ({ step }) => {
        if (step.type !== 'http') return;
        const service = (step.params as { service?: unknown }).service;
        if (typeof service !== 'string' || declared.includes(service)) return;
        out.push(
          at('UNKNOWN_HTTP_SERVICE', `http service "${service}" is not declared in the config`, step.source, {
            hint: didYouMean(service, declared) ?? (declared.length ? `Declared services: ${declared.join(', ')}.` : 'The config declares no http_services.'),
          }),
        );
      });
    }
    return out;
  },
};
