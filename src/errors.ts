/** An error that knows the HTTP status it should produce; `messageKey` is a translation key. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly messageKey: string,
  ) {
    super(messageKey);
    this.name = 'HttpError';
  }
}

/** 404: the thing asked for does not exist (or the viewer may not know it exists). */
export const notFound = (): HttpError => new HttpError(404, 'error.notFound');
/** 403: the viewer is known but may not do this. */
export const forbidden = (): HttpError => new HttpError(403, 'error.forbidden');
/** 400: the request itself is malformed (not a form the user can fix). */
export const badRequest = (): HttpError => new HttpError(400, 'error.badRequest');
