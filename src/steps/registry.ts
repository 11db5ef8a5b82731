import { answerStep } from './answer';
import { callStep } from './call';
import { continueInDialplanStep } from './continue-in-dialplan';
import { dialStep } from './dial';
import { gotoStep } from './goto';
import { hangupStep } from './hangup';
import { holdStep } from './hold';
import { httpStep } from './http';
import { ifStep } from './if';
import { labelStep } from './label';
import { listenDtmfStep } from './listen-dtmf';
import { logStep } from './log';
import { menuStep } from './menu';
import { playStep } from './play';
import { recordStep } from './record';
import { returnStep } from './return';
import { sayStep } from './say';
import { sendDtmfStep } from './send-dtmf';
import { setStep } from './set';
import { setChannelVarStep } from './set-channel-var';
import type { StepDefinition } from './step-definition';
import { switchStep } from './switch';
import { transferToQueueStep } from './transfer-to-queue';
import { waitStep } from './wait';

/** Every step type, in the order docs and editors list them. A new step is one file and one line here. */
export const STEP_REGISTRY: readonly StepDefinition[] = [
  answerStep,
  hangupStep,
  playStep,
  sayStep,
  listenDtmfStep,
  menuStep,
  setStep,
  ifStep,
  switchStep,
  labelStep,
  gotoStep,
  callStep,
  returnStep,
  transferToQueueStep,
  waitStep,
  logStep,
  setChannelVarStep,
  continueInDialplanStep,
  sendDtmfStep,
  holdStep,
  dialStep,
  recordStep,
  httpStep,
];

/** Step definitions by type, built once per registry array. */
export type StepLookup = ReadonlyMap<string, StepDefinition>;

// One table per registry array, shared by the compiler, the interpreter and the
// tools (a Map per call was a measurable part of each call's heap).
const lookups = new WeakMap<readonly StepDefinition[], StepLookup>();

/** A by-type view of a registry array (cached; default: {@link STEP_REGISTRY}). */
export function stepLookup(registry: readonly StepDefinition[] = STEP_REGISTRY): StepLookup {
  let map = lookups.get(registry);
  if (!map) {
    map = new Map(registry.map((d) => [d.type, d]));
    lookups.set(registry, map);
  }
  return map;
}

/** The step definition for a type name, from {@link STEP_REGISTRY}. */
export function stepDefinition(type: string): StepDefinition | undefined {
  return stepLookup().get(type);
}
