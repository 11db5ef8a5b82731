import { MAILBOXES } from '../../ari/operations';
import * as misc from '../model/ops/misc-ops';
import { serve } from './served-operation';

/** Listed, always empty. */
export const MAILBOXES_SERVED = serve(MAILBOXES, { list: misc.emptyList });
