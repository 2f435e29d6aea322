import { useEffect, useState } from 'react';

import { Button } from './button';

/** How long the "Copied" confirmation stays, in milliseconds. */
const CONFIRMATION_MS = 2500;

type CopyState = 'idle' | 'copied' | 'failed';

interface CopyButtonProps {
  /** The text put on the clipboard. */
  text: string;
  /** The button's accessible name, such as "Copy API key". */
  label: string;
}

/** Copies text to the clipboard and confirms it next to the button. */
export function CopyButton({ text, label }: CopyButtonProps) {
  const [state, setState] = useState<CopyState>('idle');

  useEffect(() => {
    if (state === 'idle') return undefined;
    const timer = window.setTimeout(() => setState('idle'), CONFIRMATION_MS);
    return () => window.clearTimeout(timer);
  }, [state]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  };

  return (
    <span className="copy-button">
      <Button variant="quiet" onClick={() => void copy()}>
        {label}
      </Button>
      {state !== 'idle' && (
        <span role="status" className="copy-button__status">
          {state === 'copied'
            ? 'Copied.'
            : 'Copy failed. Select the text and copy it by hand.'}
        </span>
      )}
    </span>
  );
}
