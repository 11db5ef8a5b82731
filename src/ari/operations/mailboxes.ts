import { defineResource } from './operation-spec';

/** `/mailboxes` (only listed). */
export const MAILBOXES = defineResource('mailboxes', 'Mailboxes resources', {
  list: { method: 'GET', path: '/mailboxes', summary: 'Mailboxes.', responseClass: 'List[Mailbox]', params: [] },
});
