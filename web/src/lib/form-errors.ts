import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';

import { isApiError } from './api-error';

/**
 * Shows the server's per-field messages of a failed request at the
 * matching form fields. Returns true when at least one field got a
 * message; fields the form does not have are left to the caller.
 */
export function applyFieldErrors<TFields extends FieldValues>(
  error: unknown,
  fieldNames: ReadonlyArray<Path<TFields>>,
  setError: UseFormSetError<TFields>,
): boolean {
  if (!isApiError(error)) return false;

  let applied = false;
  for (const name of fieldNames) {
    const message = error.fields[name];
    if (message) {
      setError(name, { type: 'server', message }, { shouldFocus: !applied });
      applied = true;
    }
  }
  return applied;
}
