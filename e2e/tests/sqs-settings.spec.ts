import { StreamChat } from 'stream-chat';

import {
  expect,
  expectNoSeriousA11yViolations,
  signIn,
  test,
} from '../support/fixtures.js';
import { receiveEvents } from '../support/queue.js';

test('configure SQS, test it live, and see a message arrive', async ({
  page,
  environment,
}) => {
  const { app, queueUrl, sqsOrigin } = environment;

  await test.step('open Chat, then Overview, of the chosen app', async () => {
    await signIn(page, environment);
    await page.getByLabel('App').selectOption({ label: 'Sales chat' });
    await page.getByLabel('App').selectOption({ label: app.name });
    await page.getByRole('button', { name: 'Chat' }).click();
    await page.getByRole('menuitem', { name: 'Overview' }).click();
    await expect(page).toHaveURL(
      new RegExp(`/dashboard/apps/${app.id}/chat/overview$`),
    );
    await expect(
      page.getByRole('heading', { level: 1, name: app.name }),
    ).toBeVisible();
    await expect(page.getByText(app.api_key).first()).toBeVisible();
  });

  const section = page.getByRole('region', { name: 'Amazon SQS' });

  await test.step('Test SQS sends a test message to the queue', async () => {
    await section.getByRole('heading', { name: 'Amazon SQS' })
      .scrollIntoViewIfNeeded();
    await section.getByLabel('SQS URL').fill(queueUrl);
    await section.getByRole('button', { name: 'Test SQS' }).click();
    const status = section.getByRole('status').filter({
      hasText: /SQS message id/,
    });
    await expect(status).toBeVisible();
    const [event] = await receiveEvents(sqsOrigin, queueUrl, 1);
    expect(event?.['type']).toBe('sqs.test');
    await expectNoSeriousA11yViolations(page);
  });

  await test.step('Save keeps the settings across a reload', async () => {
    await section.getByLabel('AWS Key').fill('AKIAIOSFODNN7EXAMPLE');
    await section.getByLabel('AWS Secret')
      .fill('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
    await section.getByRole('button', { name: 'Save' }).click();
    await expect(section.getByRole('status').filter({ hasText: /Saved/ }))
      .toBeVisible();
    await page.reload();
    await expect(section.getByLabel('SQS URL')).toHaveValue(queueUrl);
    await expect(section.getByLabel('AWS Key'))
      .toHaveValue('AKIAIOSFODNN7EXAMPLE');
    await expect(section.getByLabel('AWS Secret')).toHaveValue('');
    await expect(section.getByText(/secret is stored/i)).toBeVisible();
  });

  await test.step('a message sent with the SDK arrives', async () => {
    const client = new StreamChat(app.api_key, app.api_secret, {
      baseURL: environment.baseUrl,
    });
    await client.upsertUsers([{ id: 'agent' }, { id: 'customer' }]);
    const channel = client.channel('messaging', 'ticket-1', {
      created_by_id: 'agent',
      members: ['agent', 'customer'],
    });
    await channel.create();
    await channel.sendMessage({ text: 'Where is my order?',
      user_id: 'customer' });
    const events = await receiveEvents(sqsOrigin, queueUrl, 2);
    expect(events.map((event) => event['type'])).toEqual([
      'channel.created',
      'message.new',
    ]);
    const message = events[1]?.['message'] as { text: string };
    expect(message.text).toBe('Where is my order?');
  });

  await test.step('the stored secret can be removed', async () => {
    await section.getByLabel('Remove the stored secret on Save').check();
    await section.getByRole('button', { name: 'Save' }).click();
    await expect(section.getByRole('status').filter({ hasText: /Saved/ }))
      .toBeVisible();
    await page.reload();
    await expect(section.getByText(/secret is stored/i)).toHaveCount(0);
    await expect(section.getByLabel('Remove the stored secret on Save'))
      .toHaveCount(0);
  });
});

test('an invalid queue URL is refused at the field', async ({
  page,
  environment,
}) => {
  await signIn(page, environment);
  await page.goto(`${environment.baseUrl}/dashboard/apps/` +
    `${environment.app.id}/chat/overview`);
  const section = page.getByRole('region', { name: 'Amazon SQS' });
  const url = section.getByLabel('SQS URL');
  await url.fill('https://sqs.us-east-1.amazonaws.com.evil.test/1/q');
  await section.getByRole('button', { name: 'Save' }).click();
  await expect(url).toHaveAttribute('aria-invalid', 'true');
  await expect(section.getByText(/invalid SQS url/).first()).toBeVisible();
  await expect(section.getByRole('alert')).toHaveText(
    /Fix the highlighted fields/,
  );

  await url.fill('https://sqs.us-east-1.amazonaws.com/123456789012/q');
  await section.getByLabel('AWS Key').fill('not-a-key');
  await section.getByRole('button', { name: 'Test SQS' }).click();
  await expect(section.getByLabel('AWS Key'))
    .toHaveAttribute('aria-invalid', 'true');
});
