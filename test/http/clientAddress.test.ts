import assert from 'node:assert/strict';
import { clientAddress, clientBlock, plainAddress, TrustedProxies } from '../../src/http/clientAddress';
import { loadConfig } from '../../src/config';

describe('the client address behind trusted proxies', () => {
  describe('plainAddress', () => {
    const cases: Array<[string, string | undefined]> = [
      ['203.0.113.7', '203.0.113.7'],
      [' 203.0.113.7 ', '203.0.113.7'],
      ['203.0.113.7:51234', '203.0.113.7'], // Azure Application Gateway writes the port
      ['[2001:db8::7]:443', '2001:db8::7'],
      ['[2001:DB8::7]', '2001:db8::7'],
      ['2001:DB8::7', '2001:db8::7'],
      ['fe80::1%eth0', 'fe80::1'],
      ['::ffff:203.0.113.7', '203.0.113.7'], // an IPv4 peer on a dual-stack socket
      ['::ffff:cb00:7107', '203.0.113.7'],
      ['::1', '::1'],
      ['unknown', undefined],
      ['', undefined],
      ['203.0.113.256', undefined],
      ['2001:db8::7:443', '2001:db8::7:443'], // a valid IPv6 address, not a port
      ['<script>', undefined],
      ['203.0.113.7, 10.0.0.1', undefined],
    ];
    for (const [raw, expected] of cases) {
      it(`reads ${JSON.stringify(raw)} as ${String(expected)}`, () => assert.equal(plainAddress(raw), expected));
    }
  });

  describe('TrustedProxies.parse', () => {
    it('takes addresses, IPv4 and IPv6 ranges and the names proxy-addr uses', () => {
      const trusted = TrustedProxies.parse('loopback, 10.1.0.0/16, 2001:db8:a::/48, 198.51.100.9');
      for (const inside of ['127.0.0.1', '127.9.9.9', '::1', '10.1.200.3', '2001:db8:a:ffff::1', '198.51.100.9'])
        assert.ok(trusted.trusts(inside), inside);
      for (const outside of ['10.2.0.1', '2001:db8:b::1', '198.51.100.10', '203.0.113.7', '::2'])
        assert.ok(!trusted.trusts(outside), outside);
      const privateRanges = TrustedProxies.parse('uniquelocal,linklocal');
      for (const inside of ['10.0.0.1', '172.31.255.255', '192.168.1.1', 'fd00::1', '169.254.1.1', 'fe80::1'])
        assert.ok(privateRanges.trusts(inside), inside);
      assert.ok(!privateRanges.trusts('172.32.0.1'));
    });

    it('trusts nobody when unset or empty', () => {
      for (const list of [undefined, '', ' , ']) {
        const trusted = TrustedProxies.parse(list);
        assert.ok(trusted.isEmpty);
        assert.ok(!trusted.trusts('127.0.0.1'));
      }
    });

    for (const bad of ['10.0.0.0/33', '2001:db8::/129', 'proxy.example', '10.0.0.1:80', '10.0.0.0/8/1', '10.0.0.0/x', 'everything', '*']) {
      it(`refuses ${JSON.stringify(bad)}, and the bot would not start with it`, () => {
        assert.throws(() => TrustedProxies.parse(bad), /is not an IP address, a CIDR range, or one of loopback, linklocal, uniquelocal/);
        assert.throws(() => loadConfig({ TRUSTED_PROXIES: bad }), /Bad configuration: TRUSTED_PROXIES: /);
      });
    }
  });

  describe('clientAddress', () => {
    const loopback = TrustedProxies.parse('loopback');
    const proxies = TrustedProxies.parse('10.0.0.0/8, 2001:db8:ffff::/48');

    it('is the socket peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
      assert.equal(clientAddress('::ffff:127.0.0.1', '198.51.100.1', TrustedProxies.none), '127.0.0.1');
      assert.equal(clientAddress('203.0.113.7', '198.51.100.1', TrustedProxies.none), '203.0.113.7');
    });

    it('is the socket peer when the peer is not a trusted proxy: a client cannot name itself', () => {
      assert.equal(clientAddress('203.0.113.7', '198.51.100.1', loopback), '203.0.113.7');
      assert.equal(clientAddress('203.0.113.7', '127.0.0.1', loopback), '203.0.113.7');
    });

    it('is the entry a trusted proxy added, not what the client wrote before it (spoofed entries are never read)', () => {
      // The client sent "X-Forwarded-For: 1.1.1.1, 127.0.0.1"; the proxy appended the peer it saw.
      assert.equal(clientAddress('127.0.0.1', '1.1.1.1, 127.0.0.1, 203.0.113.7', loopback), '203.0.113.7');
    });

    it('walks back past a chain of trusted proxies to the first address that is not one', () => {
      assert.equal(clientAddress('10.0.0.2', '203.0.113.7, 10.0.0.9, 10.0.0.5', proxies), '203.0.113.7');
      assert.equal(clientAddress('10.0.0.2', '198.51.100.1, 203.0.113.7, 10.0.0.5', proxies), '203.0.113.7');
    });

    it('reads several X-Forwarded-For headers as one list, in order', () => {
      assert.equal(clientAddress('10.0.0.2', ['198.51.100.1', '203.0.113.7, 10.0.0.5'], proxies), '203.0.113.7');
    });

    it('reads IPv6 proxies and clients, with ports and brackets', () => {
      assert.equal(clientAddress('2001:db8:ffff::1', '[2001:db8:1:2::abcd]:50000', proxies), '2001:db8:1:2::abcd');
      assert.equal(clientAddress('::ffff:10.0.0.2', '203.0.113.7:61000', proxies), '203.0.113.7');
    });

    it('is the leftmost address when every hop is trusted, and the proxy itself without X-Forwarded-For', () => {
      assert.equal(clientAddress('10.0.0.2', '10.0.0.7, 10.0.0.5', proxies), '10.0.0.7');
      assert.equal(clientAddress('10.0.0.2', undefined, proxies), '10.0.0.2');
      assert.equal(clientAddress('10.0.0.2', ' , ', proxies), '10.0.0.2');
    });

    it('stops at the proxy that forwarded a malformed entry', () => {
      assert.equal(clientAddress('10.0.0.2', '203.0.113.7, unknown', proxies), '10.0.0.2');
      assert.equal(clientAddress('10.0.0.2', '198.51.100.1, garbage, 10.0.0.5', proxies), '10.0.0.5');
    });
  });

  describe('clientBlock: what counts as one client', () => {
    it('is an IPv4 address itself', () => {
      assert.equal(clientBlock('203.0.113.7'), '203.0.113.7');
      assert.notEqual(clientBlock('203.0.113.7'), clientBlock('203.0.113.8'));
    });

    it("is an IPv6 address's /64, however the address is written", () => {
      const block = clientBlock('2001:db8:1:2::abcd');
      assert.equal(block, '2001:db8:1:2::/64');
      assert.equal(clientBlock('2001:0db8:0001:0002:ffff:ffff:ffff:ffff'), block, 'another host of the same /64');
      assert.equal(clientBlock('2001:db8:1:2:0:0:0:1'), block);
      assert.notEqual(clientBlock('2001:db8:1:3::abcd'), block, 'the next /64');
      assert.equal(clientBlock('::1'), '0:0:0:0::/64');
    });
  });
});
