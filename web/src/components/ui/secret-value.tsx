import { CopyButton } from './copy-button';

interface SecretValueProps {
  label: string;
  value: string;
  /** Accessible name of the copy button. */
  copyLabel: string;
}

/** Shows a read-only credential as code, with a copy button. */
export function SecretValue({ label, value, copyLabel }: SecretValueProps) {
  return (
    <div className="secret-value">
      <dt className="secret-value__label">{label}</dt>
      <dd className="secret-value__row">
        <code className="secret-value__code">{value}</code>
        <CopyButton text={value} label={copyLabel} />
      </dd>
    </div>
  );
}
