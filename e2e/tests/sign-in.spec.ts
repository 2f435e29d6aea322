import {
  expect,
  expectNoSeriousA11yViolations,
  signIn,
  test,
} from '../support/fixtures.js';

test('wrong password is refused without saying which part', async ({
  page,
  environment,
}) => {
  await page.goto(`${environment.baseUrl}/dashboard/`);
  await expect(page).toHaveURL(/\/dashboard\/sign-in/);
  await page.getByLabel('Email').fill(environment.email);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    /Email or password is incorrect/,
  );
  await expectNoSeriousA11yViolations(page);
});

test('sign-in leads to the app picker and Chat menu', async ({
  page,
  environment,
}) => {
  await signIn(page, environment);
  const picker = page.getByLabel('App');
  await expect(picker.getByRole('option')).toHaveText([
    'Support chat',
    'Sales chat',
  ]);
  await expect(page.getByRole('button', { name: 'Chat' })).toBeVisible();
});

test('a deep link survives a reload', async ({ page, environment }) => {
  await signIn(page, environment);
  const overview =
    `${environment.baseUrl}/dashboard/apps/${environment.app.id}` +
    '/chat/overview';
  await page.goto(overview);
  await page.reload();
  await expect(
    page.getByRole('heading', { level: 1, name: environment.app.name }),
  ).toBeVisible();
});

test('an unknown app id shows not found', async ({ page, environment }) => {
  await signIn(page, environment);
  await page.goto(`${environment.baseUrl}/dashboard/apps/` +
    '00000000-0000-0000-0000-000000000000/chat/overview');
  await expect(page.getByText(/not found/i).first()).toBeVisible();
});
