interface LoadingStateProps {
  /** Message text, such as "Loading the app…". */
  label: string;
}

export function LoadingState({ label }: LoadingStateProps) {
  return (
    <p className="loading-state" role="status">
      <span className="spinner" aria-hidden="true" />
      {label}
    </p>
  );
}
