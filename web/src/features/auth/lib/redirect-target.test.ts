import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { buildSignInPath, toSafeRedirectPath } from './redirect-target';

describe('toSafeRedirectPath', () => {
  it('keeps a dashboard path', () => {
    const path = '/apps/a1/chat/overview?tab=sqs';
    assert.equal(toSafeRedirectPath(path), path);
  });

  it('falls back for a missing target', () => {
    assert.equal(toSafeRedirectPath(null), '/');
    assert.equal(toSafeRedirectPath(''), '/');
  });

  it('rejects targets that leave the origin', () => {
    assert.equal(toSafeRedirectPath('//evil.example/x'), '/');
    assert.equal(toSafeRedirectPath('/\\evil.example'), '/');
    assert.equal(toSafeRedirectPath('https://evil.example'), '/');
    assert.equal(toSafeRedirectPath('javascript:alert(1)'), '/');
    assert.equal(toSafeRedirectPath('/\t/evil.example'), '/');
    assert.equal(toSafeRedirectPath('/\n/evil.example'), '/');
  });

  it('avoids a loop back to sign-in', () => {
    assert.equal(toSafeRedirectPath('/sign-in?redirect=/x'), '/');
  });
});

describe('buildSignInPath', () => {
  it('encodes the page to return to', () => {
    assert.equal(
      buildSignInPath('/apps/a1/chat/overview'),
      '/sign-in?redirect=%2Fapps%2Fa1%2Fchat%2Foverview',
    );
  });

  it('omits the root path', () => {
    assert.equal(buildSignInPath('/'), '/sign-in');
  });

  it('round-trips through the safe check', () => {
    const from = '/apps/a1/chat/overview?x=1';
    const query = buildSignInPath(from).split('?')[1] ?? '';
    const target = new URLSearchParams(query).get('redirect');
    assert.equal(toSafeRedirectPath(target), from);
  });
});
