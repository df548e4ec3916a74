// The client's error types: one for failed requests, one for everything a packer or a frame reader refuses.

/** A request that ended without a reply; `reason` is 'closed', 'timeout' or 'error'. */
export class ReplyError extends Error {
  constructor(reason, message, cause) {
    super(message || `request failed: ${reason}`, cause === undefined ? undefined : { cause });
    this.name = 'ReplyError';
    this.reason = reason;
  }
}

/**
 * A value a packer cannot write or read, or a frame the client cannot understand. `reason` names the problem:
 * 'PACKER' for a packer error, or a bad-frame reason of PROTOCOL.md §11.2 ('MALFORMED_FRAME', 'BAD_EVENT', ...).
 */
export class ProtocolError extends Error {
  constructor(reason, message) {
    super(message);
    this.name = 'ProtocolError';
    this.reason = reason;
  }
}

export const packerError = (packer, message) => new ProtocolError('PACKER', `${packer}: ${message}`);
