import { Field } from '../../components/Field';

/** The server of a host that runs in many places (GitHub: github.com or an Enterprise Server). */
export function ServerField({
  value,
  onChange,
  error,
  defaultUrl,
  hint,
}: {
  value: string;
  onChange: (value: string) => void;
  error?: string | null;
  defaultUrl: string;
  hint?: string;
}) {
  return (
    <Field label="Server URL" hint={hint ?? `${defaultUrl}, or the address of your company's Enterprise Server.`} error={error}>
      {(control) => (
        <input
          {...control}
          className="input mono"
          type="url"
          inputMode="url"
          spellCheck={false}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}
