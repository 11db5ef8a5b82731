#!/usr/bin/env node
// Every folder of src/ declares its public surface in its index.ts: what the other folders may use.
// This check (part of `npm run lint`) fails on an import from another folder of a name that folder's
// index.ts does not export, and on a folder used from outside that has no index.ts.
//
// Importers still name the module itself (`from '../core/semaphore'`), not the barrel: compiled to
// CommonJS, `require('../core')` loads every module the barrel re-exports, and `voxtra validate` would
// load ajv's compiler and half the runtime it never uses (401 modules instead of 255, measured on the
// examples). So the barrel is the list of what may be imported, checked here, and the import stays
// precise about what it loads.
//
//   node scripts/check-public-surface.js [--project tsconfig.json] [--src src]
// Prints `public-surface: <from> -> <to> (<name>): <why>` per violation; exit status = their number.
'use strict';

const path = require('node:path');
const ts = require('typescript');

function options(argv) {
  const out = { project: 'tsconfig.json', src: 'src' };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    if (!(key in out) || argv[i + 1] === undefined) throw new Error(`usage: check-public-surface [--project FILE] [--src DIR] (got ${argv[i]})`);
    out[key] = argv[i + 1];
  }
  return out;
}

/** Where a symbol is declared: a stable identity across re-exports. */
function declarationOf(checker, symbol) {
  let s = symbol;
  if (s && s.flags & ts.SymbolFlags.Alias) s = checker.getAliasedSymbol(s);
  const d = s && s.declarations && s.declarations[0];
  return d ? `${path.resolve(d.getSourceFile().fileName)}:${d.pos}` : undefined;
}

/** Violations in the program's files under `srcDir` (absolute), as `{ from, to, name, why }`. */
function checkPublicSurface(projectFile, srcDir) {
  const host = { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); } };
  const config = ts.getParsedCommandLineOfConfigFile(projectFile, {}, host);
  const files = config.fileNames.map((f) => path.resolve(f)).filter((f) => f.startsWith(srcDir + path.sep));
  const program = ts.createProgram(files, config.options);
  const checker = program.getTypeChecker();
  const folderOf = (file) => {
    const parts = path.relative(srcDir, file).split(path.sep);
    return parts.length > 1 && !parts[0].startsWith('..') ? parts[0] : undefined;
  };
  const rel = (f) => path.relative(path.dirname(srcDir), f).split(path.sep).join('/');

  /** folder → Set of declarations its index.ts exports, or null without an index.ts. */
  const surfaces = new Map();
  const surfaceOf = (folder) => {
    if (!surfaces.has(folder)) {
      const sf = program.getSourceFile(path.join(srcDir, folder, 'index.ts'));
      const moduleSymbol = sf && checker.getSymbolAtLocation(sf);
      surfaces.set(folder, moduleSymbol ? new Set(checker.getExportsOfModule(moduleSymbol).map((e) => declarationOf(checker, e))) : null);
    }
    return surfaces.get(folder);
  };

  const violations = [];
  for (const file of files) {
    const sf = program.getSourceFile(file);
    if (!sf) continue;
    const from = folderOf(file);
    for (const stmt of sf.statements) {
      if (!(ts.isImportDeclaration(stmt) || ts.isExportDeclaration(stmt)) || !stmt.moduleSpecifier) continue;
      const spec = stmt.moduleSpecifier.text;
      if (!spec.startsWith('.')) continue;
      const resolved = ts.resolveModuleName(spec, file, config.options, ts.sys).resolvedModule;
      if (!resolved) continue;
      const target = path.resolve(resolved.resolvedFileName);
      const folder = folderOf(target);
      if (folder === undefined || folder === from || !target.startsWith(srcDir + path.sep)) continue;
      if (target === path.join(srcDir, folder, 'index.ts')) continue;
      const report = (name, why) => violations.push({ from: rel(file), to: rel(target), name, why });
      const surface = surfaceOf(folder);
      if (surface === null) {
        report('*', `src/${folder} has no index.ts to declare what other folders may use`);
        continue;
      }
      let elements;
      if (ts.isImportDeclaration(stmt)) {
        const clause = stmt.importClause;
        if (!clause || clause.name || (clause.namedBindings && ts.isNamespaceImport(clause.namedBindings))) {
          report('*', 'import named bindings from another folder (a side-effect, default or namespace import takes the whole module)');
          continue;
        }
        elements = clause.namedBindings ? clause.namedBindings.elements : [];
      } else {
        if (!stmt.exportClause || !ts.isNamedExports(stmt.exportClause)) {
          report('*', '`export *` from another folder re-exports more than its public surface');
          continue;
        }
        elements = stmt.exportClause.elements;
      }
      for (const el of elements) {
        const name = (el.propertyName || el.name).text;
        const symbol = checker.getSymbolAtLocation(el.propertyName || el.name) || checker.getSymbolAtLocation(el.name);
        if (!surface.has(declarationOf(checker, symbol))) report(name, `not exported by src/${folder}/index.ts`);
      }
    }
  }
  return violations;
}

if (require.main === module) {
  const opts = options(process.argv.slice(2));
  const violations = checkPublicSurface(path.resolve(opts.project), path.resolve(opts.src));
  for (const v of violations) process.stdout.write(`public-surface: ${v.from} -> ${v.to} (${v.name}): ${v.why}\n`);
  if (violations.length === 0) process.stdout.write('public surface: every import from another folder is in its index.ts\n');
  process.exitCode = Math.min(violations.length, 255);
}

module.exports = { checkPublicSurface };
