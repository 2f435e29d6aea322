import type { SqsSettingsInput } from '@sqs-bridge/contracts';
import { useId } from 'react';
import type { UseFormReturn } from 'react-hook-form';

import { TextField } from '@/components/ui/text-field';

import type { SqsFormValues } from '../lib/sqs-form-schema';

const URL_PLACEHOLDER =
  'https://sqs.<region>.amazonaws.com/<account id>/<queue name>';

const URL_HINT =
  'The queue URL from the SQS console, or the queue ARN. ' +
  'Save an empty URL to turn SQS off.';

const KEY_HINT =
  'The access key id of an IAM user that may send to the queue: ' +
  '20 characters starting with AKIA.';

const STORED_SECRET_HINT = 'A secret is stored. Leave empty to keep it.';

const NEW_SECRET_HINT =
  'The secret access key of that IAM user. ' +
  'It is stored encrypted and never shown again.';

interface SqsFieldsProps {
  form: UseFormReturn<SqsFormValues, unknown, SqsSettingsInput>;
  secretStored: boolean;
}

/**
 * Renders the three inputs of the SQS form. The key and secret carry
 * attributes that keep browsers and password managers from filling in
 * the dashboard's own login.
 */
export function SqsFields({ form, secretStored }: SqsFieldsProps) {
  const { errors } = form.formState;
  const removeSecretId = useId();

  return (
    <>
      <TextField
        label="SQS URL"
        inputMode="url"
        autoComplete="off"
        spellCheck={false}
        placeholder={URL_PLACEHOLDER}
        hint={URL_HINT}
        error={errors.sqsUrl?.message}
        {...form.register('sqsUrl')}
      />
      <TextField
        label="AWS Key"
        autoComplete="off"
        spellCheck={false}
        placeholder="AKIA…"
        hint={KEY_HINT}
        error={errors.sqsKey?.message}
        {...form.register('sqsKey')}
      />
      <TextField
        label="AWS Secret"
        type="password"
        autoComplete="new-password"
        spellCheck={false}
        data-1p-ignore
        data-lpignore="true"
        data-form-type="other"
        hint={secretStored ? STORED_SECRET_HINT : NEW_SECRET_HINT}
        error={errors.sqsSecret?.message}
        {...form.register('sqsSecret')}
      />
      {secretStored && (
        <div className="field field--checkbox">
          <input
            id={removeSecretId}
            type="checkbox"
            className="field__checkbox"
            {...form.register('removeSecret')}
          />
          <label htmlFor={removeSecretId} className="field__label">
            Remove the stored secret on Save
          </label>
        </div>
      )}
    </>
  );
}
