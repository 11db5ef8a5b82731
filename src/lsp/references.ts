import type { Location } from 'vscode-languageserver';
import { locationsAt, type FeatureContext } from './feature-context';

/** Find references: every use of the name under the cursor across the app's files (and its definition when asked). */
export function references(ctx: FeatureContext, includeDeclaration: boolean): Location[] {
  return locationsAt(ctx, (o) => includeDeclaration || o.role === 'reference');
}
