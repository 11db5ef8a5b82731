/**
 * The HTTP router client: the edge that posts a call's facts to a dispatch
 * rule's URL and checks the answer (routing itself stays pure).
 */
export { askHttpRouter, createHttpRouter, type HttpRouterOptions, type RouterProblem, type RouterProblemKind, type RouterReply } from './http-router';
export { answeredValidly, formatAskReport, type AskedRouter } from './ask-format';
