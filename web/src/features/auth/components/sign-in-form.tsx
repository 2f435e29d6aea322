import { zodResolver } from '@hookform/resolvers/zod';
import { signInInputSchema, type SignInInput } from '@sqs-bridge/contracts';
import { useForm } from 'react-hook-form';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { getErrorMessage } from '@/lib/api-error';
import { applyFieldErrors } from '@/lib/form-errors';

import { useSignIn } from '../api/sign-in';

const FIELD_NAMES = ['email', 'password'] as const;

interface SignInFormProps {
  onSignedIn: () => void;
}

export function SignInForm({ onSignedIn }: SignInFormProps) {
  const signIn = useSignIn();
  const form = useForm<SignInInput>({
    resolver: zodResolver(signInInputSchema),
    defaultValues: { email: '', password: '' },
  });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit((input) => {
    signIn.mutate(input, {
      onSuccess: onSignedIn,
      onError: (error) => {
        applyFieldErrors(error, FIELD_NAMES, form.setError);
      },
    });
  });

  return (
    <form className="stack" onSubmit={onSubmit} noValidate>
      {signIn.error && <Alert>{getErrorMessage(signIn.error)}</Alert>}
      <TextField
        label="Email"
        type="email"
        autoComplete="username"
        error={errors.email?.message}
        {...form.register('email')}
      />
      <TextField
        label="Password"
        type="password"
        autoComplete="current-password"
        error={errors.password?.message}
        {...form.register('password')}
      />
      <Button type="submit" variant="primary" busy={signIn.isPending}>
        Sign in
      </Button>
    </form>
  );
}
