/** A field's refusal, shown under it; the input points at it with aria-describedby. */
export function FieldError({ id, messages }: { id: string; messages: string[] | undefined }) {
  if (!messages?.length) return null;
  return (
    <p id={id} className="mt-0.5 text-xs text-red-600">
      {messages.join(' ')}
    </p>
  );
}

/** The props that tie an input to its FieldError. */
export function invalidProps(id: string, messages: string[] | undefined) {
  return messages?.length ? { 'aria-invalid': true as const, 'aria-describedby': id } : {};
}

export type FieldErrors = Record<string, string[]>;

/** Drops one field's errors once it is edited again. */
export function withoutField(errors: FieldErrors, field: string): FieldErrors {
  if (!(field in errors)) return errors;
  const { [field]: _dropped, ...rest } = errors;
  return rest;
}
