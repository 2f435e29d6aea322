import type { AppSummary } from '@sqs-bridge/contracts';
import { useId, type ChangeEvent } from 'react';
import { useLocation, useNavigate } from 'react-router';

import { switchAppPath } from '../lib/app-paths';

interface AppPickerProps {
  apps: readonly AppSummary[];
  /** The app of the current page, or null on pages of no app. */
  currentAppId: string | null;
}

/** Switches to the same page of another app of the organisation. */
export function AppPicker({ apps, currentAppId }: AppPickerProps) {
  const selectId = useId();
  const location = useLocation();
  const navigate = useNavigate();
  const known = apps.some((app) => app.id === currentAppId);

  const onChange = (event: ChangeEvent<HTMLSelectElement>) => {
    void navigate(switchAppPath(location.pathname, event.target.value));
  };

  return (
    <div className="app-picker">
      <label htmlFor={selectId} className="app-picker__label">
        App
      </label>
      <select
        id={selectId}
        className="app-picker__select"
        value={known && currentAppId ? currentAppId : ''}
        onChange={onChange}
      >
        {!known && (
          <option value="" disabled>
            Choose an app
          </option>
        )}
        {apps.map((app) => (
          <option key={app.id} value={app.id}>
            {app.name}
          </option>
        ))}
      </select>
    </div>
  );
}
