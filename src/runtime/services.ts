import path from 'node:path';
import type { Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import { stepLookup } from '../compiler/step-registry';
import { walkSteps } from '../compiler/walk-steps';
import type { AppSnapshot } from '../ir/types';
import type { StepServices } from '../steps/step-definition';
import { STEP_REGISTRY } from '../steps/registry';
import { TemplateEngine } from '../template/engine';
import { createTtsService, normalizeTtsConfig, type CachingTtsService, type TtsSettings } from '../tts';
import { SimulatedSpeechEngine } from '../tts/simulated-engine';
import type { TtsEngine } from '../tts/tts-engine';

export interface ServicesOptions {
  readonly snapshots: readonly AppSnapshot[];
  /** Raw `tts` config section (undefined: defaults). */
  readonly ttsConfig?: unknown;
  /** Folder relative config paths resolve against. */
  readonly baseDir: string;
  /** True when the calls come from the built-in simulator (enables the simulated speech engine). */
  readonly simulator: boolean;
  readonly clock: Clock;
  readonly logger: Logger;
  /** An engine to use whatever the config says (`voxtra test` passes the simulated one, so timings never depend on the machine). */
  readonly ttsEngine?: TtsEngine;
  /** Folder for rendered speech instead of the configured one. */
  readonly ttsDir?: string;
}

export interface RuntimeServices extends StepServices {
  readonly tts?: CachingTtsService;
}

type SayText = { text: string; voice?: string; language?: string };

/** Whether any flow says something, and the literal texts (templated ones render on first use). */
export function sayTexts(snapshots: readonly AppSnapshot[]): { any: boolean; literal: SayText[] } {
  const lookup = stepLookup(STEP_REGISTRY);
  const literal: SayText[] = [];
  let any = false;
  for (const snap of snapshots) {
    for (const flow of Object.values(snap.flows)) {
      walkSteps(flow.steps, lookup, ({ step }) => {
        if (step.type !== 'say') return;
        any = true;
        const p = step.params as { text?: unknown; voice?: unknown; language?: unknown };
        if (typeof p.text === 'string' && !TemplateEngine.isTemplate(p.text)) {
          literal.push({ text: p.text, ...(typeof p.voice === 'string' ? { voice: p.voice } : {}), ...(typeof p.language === 'string' ? { language: p.language } : {}) });
        }
      });
    }
  }
  return { any, literal };
}

/**
 * Builds what steps need at run time. Text-to-speech is required when any
 * flow says something: a missing engine is a startup error on Asterisk. With
 * the simulator and no working engine, a simulated engine (timed silence)
 * stands in, and says so.
 */
export async function buildServices(opts: ServicesOptions): Promise<RuntimeServices> {
  const says = sayTexts(opts.snapshots);
  const { settings, diagnostics } = normalizeTtsConfig(opts.ttsConfig ?? {}, { baseDir: opts.baseDir });
  if (diagnostics.length > 0) throw new Error(`tts config: ${diagnostics.map((d) => d.message).join('; ')}`);
  const ttsSettings: TtsSettings =
    opts.ttsDir !== undefined ? { ...settings, dir: opts.ttsDir } : opts.simulator && opts.ttsConfig === undefined ? { ...settings, dir: path.join(opts.baseDir, '.voxtra', 'tts') } : settings;
  let tts: CachingTtsService | undefined;
  if (says.any) {
    try {
      tts = await createTtsService(ttsSettings, { clock: opts.clock, logger: opts.logger, required: true, ...(opts.ttsEngine ? { engine: opts.ttsEngine } : {}) });
    } catch (err) {
      if (!opts.simulator) throw err;
      opts.logger.warn({ reason: (err as Error).message }, 'no text-to-speech engine works here; the simulator will time say steps with silence (install espeak-ng for real speech)');
      tts = await createTtsService(ttsSettings, { clock: opts.clock, logger: opts.logger, required: true, engine: new SimulatedSpeechEngine() });
    }
    const report = await tts.prerender(says.literal);
    opts.logger.info({ ...report, failed: report.failed.length }, `pre-rendered ${report.total} say text(s)`);
  }
  return { ...(tts ? { tts } : {}) };
}
