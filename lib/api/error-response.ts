import 'server-only';
import { ZodError } from 'zod';
import { AppError, type ErrorCode, type ErrorDetail } from '../errors';
import { zodIssuesToDetails } from '../schemas/zod-details';

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details: ErrorDetail[] };
}

/** The one JSON error shape of every REST answer: {"error":{"code","message","details"}}. */
export function errorResponse(error: unknown, headers?: HeadersInit): Response {
  const appError = toAppError(error);
  const body: ErrorBody = { error: { code: appError.code, message: appError.message, details: appError.details } };
  return Response.json(body, { status: appError.status, headers });
}

export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) return new AppError('validation_failed', 'The request is not valid', zodIssuesToDetails(error.issues));
  // anything else is our bug, never the client's: log it, answer without internals
  console.error(error);
  return new AppError('internal', 'Something went wrong on our side; the request was not applied.');
}
