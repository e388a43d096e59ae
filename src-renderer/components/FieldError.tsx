/**
 * What is wrong with one field, right below it; the input names it with aria-describedby (and
 * aria-invalid), so a screen reader reads it with the field.
 */
export function FieldError({ id, text }: { id: string; text: string | undefined }) {
  if (!text) return null;
  return (
    <p id={id} className="field__error" data-testid="field-error">
      {text}
    </p>
  );
}
