/** Errors of the STAC API: a status, a code and a description (the STAC API exception shape). */
export class StacError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, description: string) {
    super(description);
    this.status = status;
    this.code = code;
  }
}

/** A 400 for a bad parameter, naming it. */
export const badParameter = (name: string, description: string): StacError =>
  new StacError(400, 'InvalidParameterValue', `${name}: ${description}`);
