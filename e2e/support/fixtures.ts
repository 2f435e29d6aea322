/** Test fixtures: the environment, and a page signed in to the dashboard. */
import AxeBuilder from '@axe-core/playwright';
import { expect, test as base, type Page } from '@playwright/test';

import { loadEnvironment, type TestEnvironment } from './environment.js';

export async function signIn(page: Page, environment: TestEnvironment) {
  await page.goto(`${environment.baseUrl}/dashboard/`);
  await page.getByLabel('Email').fill(environment.email);
  await page.getByLabel('Password').fill(environment.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation')).toBeVisible();
}

/** Fails on serious or critical accessibility violations. */
export async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((violation) =>
      violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} ` +
      `(${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
  expect(serious).toEqual([]);
}

export const test = base.extend<{ environment: TestEnvironment }>({
  // Playwright's fixture signature needs the destructuring pattern.
  // eslint-disable-next-line no-empty-pattern
  environment: async ({}, use) => {
    await use(loadEnvironment());
  },
});

export { expect };
