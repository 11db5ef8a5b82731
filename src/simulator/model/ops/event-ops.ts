import type { AsteriskModel } from '../asterisk-model';
import { claimChannel as claim } from '../broadcast';
import { fail, noContent, type AriResult } from '../result';
import type { Args } from './args';

/** POST /events/claim?channelId=&application= (ast_ari_events_claim_channel). */
export function claimChannel(m: AsteriskModel, a: Args): AriResult {
  const channelId = a.str('channelId');
  if (!channelId) return fail(400, 'channelId parameter is required');
  const application = a.str('application');
  if (!application) return fail(400, 'application parameter is required');
  switch (claim(m, channelId, application)) {
    case 'claimed':
      return noContent();
    case 'conflict':
      return fail(409, 'Channel has already been claimed by another application');
    case 'not-found':
      return fail(404, 'Channel not found or not in broadcast state');
  }
}
