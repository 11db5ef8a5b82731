import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { STEP_REGISTRY } from '../../src/steps/registry';

const SRC = path.resolve(__dirname, '../../src');
const TYPES = new Set(STEP_REGISTRY.map((d) => d.type));

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return p === path.join(SRC, 'steps') ? [] : files(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

const isTypeAccess = (n: ts.Node): boolean => ts.isPropertyAccessExpression(n) && n.name.text === 'type';
const stepTypeLiteral = (n: ts.Node): string | undefined => (ts.isStringLiteral(n) && TYPES.has(n.text) ? n.text : undefined);

/** Every place a file compares something's `type` with a step type name, or looks a definition up by one. */
function typeNameChecks(file: string, text = readFileSync(file, 'utf8')): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const out: string[] = [];
  const where = (n: ts.Node, name: string): string => `${path.relative(SRC, file)}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1} '${name}'`;
  const visit = (n: ts.Node): void => {
    if (ts.isBinaryExpression(n) && [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken].includes(n.operatorToken.kind)) {
      const name = stepTypeLiteral(n.left) ?? stepTypeLiteral(n.right);
      if (name && (isTypeAccess(n.left) || isTypeAccess(n.right))) out.push(where(n, name));
    }
    if (ts.isSwitchStatement(n) && isTypeAccess(n.expression)) {
      for (const clause of n.caseBlock.clauses) {
        const name = ts.isCaseClause(clause) ? stepTypeLiteral(clause.expression) : undefined;
        if (name) out.push(where(clause, name));
      }
    }
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'get' && n.arguments.length === 1) {
      const name = stepTypeLiteral(n.arguments[0]);
      if (name) out.push(where(n, name));
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

describe('step types are known only to src/steps', () => {
  it('no module outside src/steps tests a step type by name: graph, rules, coverage and the runner read the definitions', () => {
    expect(files(SRC).flatMap((f) => typeNameChecks(f))).toEqual([]);
  });

  it('the check finds such a test', () => {
    const probe = "if (step.type === 'menu') x();\nswitch (s.type) { case 'goto': break; case 'StasisStart': break; }\nlookup.get('http');\nif (e.kind === 'dial') y();";
    expect(typeNameChecks(path.join(SRC, 'probe.ts'), probe)).toEqual(["probe.ts:1 'menu'", "probe.ts:2 'goto'", "probe.ts:3 'http'"]);
  });
});
