import type { Command } from 'commander';
import type { CliContext } from '../cli-context';
import { registerCall } from './call';
import { registerGraph } from './graph';
import { registerInit } from './init';
import { registerLsp } from './lsp';
import { registerProvision } from './provision';
import { registerRoute } from './route';
import { registerRun } from './run';
import { registerSchema } from './schema';
import { registerTest } from './test';
import { registerValidate } from './validate';

/** Adds one command (with its options and action) to the program. */
export type CommandRegistrar = (program: Command, ctx: CliContext) => void;

/** Every `voxtra` command. A new command is one file under commands/ and one line here. */
export const COMMANDS: readonly CommandRegistrar[] = [registerValidate, registerSchema, registerRun, registerCall, registerRoute, registerGraph, registerProvision, registerInit, registerTest, registerLsp];
