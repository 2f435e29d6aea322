/** Errors of the chat API, each with the platform's numeric error code. */

/** Platform error codes that the SDK shows as `StreamChat error code N`. */
export const ErrorCode = {
  internal: -1,
  accessKey: 2,
  input: 4,
  authentication: 5,
  rateLimit: 9,
  doesNotExist: 16,
  tokenExpired: 40,
} as const;

export class ChatInputError extends Error {
  override name = 'ChatInputError';
}

export class ChatNotFoundError extends Error {
  override name = 'ChatNotFoundError';
}
