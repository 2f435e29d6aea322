import { zodResolver } from '@hookform/resolvers/zod';
import {
  createAppInputSchema,
  type CreateAppInput,
  type CreatedApp,
} from '@sqs-bridge/contracts';
import { useForm } from 'react-hook-form';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { getErrorMessage } from '@/lib/api-error';
import { applyFieldErrors } from '@/lib/form-errors';

import { useCreateApp } from '../api/create-app';

interface CreateAppFormProps {
  onCreated: (app: CreatedApp) => void;
}

export function CreateAppForm({ onCreated }: CreateAppFormProps) {
  const createApp = useCreateApp();
  const form = useForm<CreateAppInput>({
    resolver: zodResolver(createAppInputSchema),
    defaultValues: { name: '' },
  });

  const onSubmit = form.handleSubmit((input) => {
    createApp.mutate(input, {
      onSuccess: onCreated,
      onError: (error) => applyFieldErrors(error, ['name'], form.setError),
    });
  });

  return (
    <form className="stack" onSubmit={onSubmit} noValidate>
      {createApp.error && <Alert>{getErrorMessage(createApp.error)}</Alert>}
      <TextField
        label="Name"
        autoComplete="off"
        hint="Shown in the app picker. At most 100 characters."
        error={form.formState.errors.name?.message}
        {...form.register('name')}
      />
      <div>
        <Button type="submit" variant="primary" busy={createApp.isPending}>
          Create app
        </Button>
      </div>
    </form>
  );
}
