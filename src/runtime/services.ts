import path from 'node:path';
import type { Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import { STEP_REGISTRY, stepLookup } from '../steps/registry';
import { walkSteps } from '../compiler/walk-steps';
import type { AppSnapshot } from '../ir/types';
import type { StepServices } from '../steps/step-definition';
import { TemplateEngine } from '../template/engine';
import { createTtsService, normalizeTtsConfig, type CachingTtsService, type TtsSettings } from '../tts';
import { SimulatedSpeechEngine } from '../tts/simulated-engine';
import type { TtsEngine } from '../tts/tts-engine';

export interface ServicesOptions {
  readonly snapshots: readonly AppSnapshot[];
  /** The config's `tts` section, normalised (`VoxtraConfig.tts`); wins over `ttsConfig`. */
  readonly tts?: TtsSettings;
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
  /**
   * The apps also run TypeScript handlers, which may say anything: build
   * text-to-speech even when no flow has a `say` step. It is optional then: a
   * missing engine is a warning, and a handler's `say` fails with the reason.
   */
  readonly handlers?: boolean;
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
        const said = lookup.get(step.type)?.speaks?.(step.params);
        if (!said) return;
        any = true;
        if (!TemplateEngine.isTemplate(said.text)) literal.push(said);
      });
    }
  }
  return { any, literal };
}

function ttsSettingsOf(raw: unknown, baseDir: string): TtsSettings {
  const { settings, diagnostics } = normalizeTtsConfig(raw ?? {}, { baseDir });
  if (diagnostics.length > 0) throw new Error(`tts config: ${diagnostics.map((d) => d.message).join('; ')}`);
  return settings;
}

/**
 * Builds what steps need at run time. Text-to-speech is required when any
 * flow says something: a missing engine is a startup error on Asterisk. With
 * the simulator and no working engine, a simulated engine (timed silence)
 * stands in, and says so. Every literal `say` text is rendered before this
 * resolves, so no caller waits for it; templated texts render on first use.
 * Calendars are not built here: each call takes them from the snapshot it
 * runs on (see `servicesForSnapshot`), so a reload that changes them applies
 * to new calls like any other change.
 */
export async function buildServices(opts: ServicesOptions): Promise<RuntimeServices> {
  const says = sayTexts(opts.snapshots);
  const configured = opts.tts !== undefined || opts.ttsConfig !== undefined;
  const settings = opts.tts ?? ttsSettingsOf(opts.ttsConfig, opts.baseDir);
  // The default folder (/var/lib/voxtra/tts) is for a real Asterisk; the simulator keeps speech in the project.
  const ttsSettings: TtsSettings =
    opts.ttsDir !== undefined ? { ...settings, dir: opts.ttsDir } : opts.simulator && !configured ? { ...settings, dir: path.join(opts.baseDir, '.voxtra', 'tts') } : settings;
  let tts: CachingTtsService | undefined;
  if (says.any || opts.handlers) {
    const deps = { clock: opts.clock, logger: opts.logger, ...(opts.ttsEngine ? { engine: opts.ttsEngine } : {}) };
    try {
      tts = await createTtsService(ttsSettings, { ...deps, required: true });
    } catch (err) {
      if (opts.simulator) {
        // Only ever with the simulator: on a real Asterisk, silence instead of speech would be a silent failure.
        opts.logger.warn({ reason: (err as Error).message }, 'no text-to-speech engine works here; the simulator will time say steps with silence (install espeak-ng for real speech)');
        tts = await createTtsService(ttsSettings, { ...deps, required: true, engine: new SimulatedSpeechEngine() });
      } else if (says.any) {
        throw err;
      } else {
        tts = await createTtsService(ttsSettings, { ...deps, required: false });
      }
    }
    const report = await tts.prerender(says.literal);
    opts.logger.info({ ...report, failed: report.failed.length }, `pre-rendered ${report.total} say text(s)`);
  }
  return { ...(tts ? { tts } : {}) };
}
