/** The public surface of src/io/: what other folders may import. */
export { parseJsonBody, sendHttp, type HttpContext, type HttpFailure, type HttpResult } from './http-client';
export { writeFileAtomic } from './write-file-atomic';
