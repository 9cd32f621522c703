#!/usr/bin/env node
// Launcher for the local S3 emulator (@20minutes/s3rver 5.0.0), used by build/services.
//
//   node --openssl-legacy-provider build/s3-emulator/launch.js -d DIR -a 127.0.0.1 -p 4566 \
//        --silent --configure-bucket NAME
//
// The package ships no bin/, so we run its CLI module ourselves. Before the CLI (and with it
// lib/routes.js) is loaded, the authentication middleware is wrapped through require.cache to
// work around three incompatibilities with AWSSDK.S3 (node_modules is left untouched):
//
//  1. The SDK signs bucket-level path-style requests with a trailing slash ("PUT /bucket/",
//     "GET /bucket/?list-type=2"), but the emulator canonicalises the URI as "/bucket", so the
//     signature never matches (403 SignatureDoesNotMatch). For such requests the signature check
//     sees the bucket name with the slash ("bucket/" -> URI "/bucket/"); the real name is
//     restored before the request moves on (and on error).
//  2. The SDK sends "x-amz-copy-source: bucket%2Fkey"; the emulator splits on "/" only, so
//     CopyObject answers 404. After the signature check (which must see the header as sent),
//     "%2F" is turned back into "/".
//  3. S3 builds the canonical query string with RFC 3986 encoding, as the SDK signs it; the
//     emulator uses encodeURIComponent, which leaves ! ' ( ) * as they are. So a ListObjectsV2
//     whose prefix holds one of them (the key "3/it's.png") answered 403 SignatureDoesNotMatch.
//     While the check builds the canonical request, encodeURIComponent escapes those five too.
//
// Three more fixes follow the wrapper below: 4 (atomic PUT), 5 (XML text escaped once) and 6 (POST policies checked).
//
// Node must run with --openssl-legacy-provider: the emulator's continuation tokens use DES,
// without it every truncated ListObjectsV2 answers 500.
'use strict'

const AUTH_MODULE = '@20minutes/s3rver/lib/middleware/authentication'

// Fix 3. The emulator builds the canonical request in the synchronous part of its check (no await before the string
// to sign), and Node runs one request's synchronous code at a time, so the swap touches nothing else.
const encodeURIComponentAsIs = globalThis.encodeURIComponent
const encodeURIComponentRfc3986 = (value) =>
  encodeURIComponentAsIs(value).replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)

const authPath = require.resolve(AUTH_MODULE)
const createOriginalAuthentication = require(authPath)

function createPatchedAuthentication(...factoryArgs) {
  const original = createOriginalAuthentication(...factoryArgs)

  return async function authentication(ctx, next) {
    const params = ctx.params || {}
    const bucket = params.bucket
    // Fix 1: bucket-level path-style request whose path ends in "/" (no key).
    const slashedBucket =
      typeof bucket === 'string' &&
      bucket !== '' &&
      !params.key &&
      !(ctx.state && ctx.state.vhost) &&
      ctx.path.endsWith('/') &&
      !bucket.endsWith('/')
    if (slashedBucket) {
      params.bucket = `${bucket}/`
    }
    const restore = () => {
      if (slashedBucket) {
        params.bucket = bucket
      }
    }

    let checking
    globalThis.encodeURIComponent = encodeURIComponentRfc3986
    try {
      checking = original(ctx, () => {
        // Reached only once the signature was accepted (or the request is unsigned), maybe synchronously.
        globalThis.encodeURIComponent = encodeURIComponentAsIs
        restore()
        // Fix 2: "bucket%2Fkey" -> "bucket/key" (the controllers decodeURI the rest).
        const copySource = ctx.headers['x-amz-copy-source']
        if (typeof copySource === 'string' && /%2f/i.test(copySource)) {
          ctx.headers['x-amz-copy-source'] = copySource.replace(/%2f/gi, '/')
        }
        return next()
      })
    } finally {
      globalThis.encodeURIComponent = encodeURIComponentAsIs
    }
    try {
      return await checking
    } finally {
      restore()
    }
  }
}

// Replace the cached module's exports so that lib/routes.js picks up the wrapper.
require.cache[authPath].exports = createPatchedAuthentication

// 4. Real S3 replaces an object atomically: a GET sees the old bytes or the new, whole. The emulator writes
//    the new bytes over the old file in place, so a GET racing a PUT can get a part of either. Here a PUT
//    writes to a temporary file beside the object (its name does not end in "._S3rver_object", so listings
//    skip it) and renames it into place; rename and metadata change under a per-key lock that a GET holds
//    from reading the metadata until its file is open (an open file keeps its bytes through a rename).
const fsp = require('node:fs/promises')
const nodePath = require('node:path')
const FilesystemStore = require('@20minutes/s3rver/lib/stores/filesystem')
const { ensureDir } = require('@20minutes/s3rver/lib/utils')

const keyLocks = new Map()
function withKeyLock(id, work) {
  const previous = keyLocks.get(id) || Promise.resolve()
  const run = previous.then(work, work)
  const tail = run.catch(() => {})
  keyLocks.set(id, tail)
  tail.then(() => {
    if (keyLocks.get(id) === tail) keyLocks.delete(id)
  })
  return run
}

const originalGetObject = FilesystemStore.prototype.getObject
FilesystemStore.prototype.getObject = function getObject(bucket, key, options) {
  return withKeyLock(`${bucket}/${key}`, () => originalGetObject.call(this, bucket, key, options))
}

let uploads = 0
FilesystemStore.prototype.putObject = async function putObject(object) {
  const objectPath = this.getResourcePath(object.bucket, object.key, 'object')
  await ensureDir(nodePath.dirname(objectPath))
  const temporary = `${objectPath}.${process.pid}.${++uploads}.uploading`
  let size
  let md5
  try {
    if (Buffer.isBuffer(object.content)) {
      await fsp.writeFile(temporary, object.content) // putContent resolves before a Buffer is on disk
      size = object.content.length
      md5 = require('node:crypto').createHash('md5').update(object.content).digest('hex')
    } else {
      ;[size, md5] = await this.putContent(temporary, object.content)
    }
    await withKeyLock(`${object.bucket}/${object.key}`, async () => {
      await fsp.rename(temporary, objectPath)
      await this.putMetadata(object.bucket, object.key, object.metadata, md5)
    })
  } finally {
    await fsp.rm(temporary, { force: true })
  }
  return { size, md5 }
}

// 5. The emulator escapes XML text twice: its tag processors (listings, errors) run he.escape, then
//    fast-xml-parser's builder escapes the result again, so a listing gave the key "it's a&b.png" as
//    "it&#x27;s a&amp;b.png" and the URL presigned for that name answered 404. The builder's own escaping is
//    complete (& < > ' "), and he.escape serves only those processors, so it passes its text through.
const he = require('he')
he.escape = (text) => text

// 6. POST Object (a browser's form upload) stored whatever was posted: the emulator ignores the policy, its signature,
//    its expiry and its conditions. Real S3 refuses such a post, and direct uploads rest on that. Here the form is
//    read whole first (at most MAX_FORM_BYTES), checked as S3 checks it (SigV4: the signature is the HMAC of the
//    base64 policy under the signing key of the credential's date and region), and fed to the emulator again:
//      - no policy or signature: 403 AccessDenied; an unknown access key: 403 InvalidAccessKeyId;
//      - a wrong signature: 403 SignatureDoesNotMatch; past its expiration: 403 AccessDenied (Policy expired);
//      - a condition not met (eq, starts-with, an exact field), or a field no condition names: 403 AccessDenied;
//      - a file outside content-length-range: 400 EntityTooLarge or EntityTooSmall.
const crypto = require('node:crypto')
const { Readable } = require('node:stream')
const busboy = require('busboy')
const S3Error = require('@20minutes/s3rver/lib/models/error')
const AWSAccount = require('@20minutes/s3rver/lib/models/account')
const objectController = require('@20minutes/s3rver/lib/controllers/object')

const MAX_FORM_BYTES = 256 * 1024 * 1024
const originalPostObject = objectController.postObject

async function readWhole(stream, limit) {
  const chunks = []
  let length = 0
  for await (const chunk of stream) {
    length += chunk.length
    if (length > limit) throw new S3Error('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size')
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

function readForm(headers, body) {
  return new Promise((resolve, reject) => {
    const fields = {}
    let fileSize
    const form = busboy({ headers })
    form.on('field', (name, value) => {
      if (name === 'file') fileSize = Buffer.byteLength(value)
      else if (fileSize === undefined) fields[name.toLowerCase()] = value // S3 ignores what follows the file
    })
    form.on('file', (name, file) => {
      let size = 0
      file.on('data', (chunk) => (size += chunk.length))
      file.on('end', () => {
        if (name === 'file' && fileSize === undefined) fileSize = size
      })
    })
    form.once('error', reject)
    form.once('close', () => resolve({ fields, fileSize }))
    form.end(body)
  })
}

const hmac = (key, text) => crypto.createHmac('sha256', key).update(text, 'utf8').digest()
const denied = (why) => new S3Error('AccessDenied', `Invalid according to Policy: ${why}`)

function checkPolicy(bucket, fields, fileSize) {
  if (!fields.policy || !fields['x-amz-signature']) {
    throw new S3Error('AccessDenied', 'Access Denied')
  }
  if (fields['x-amz-algorithm'] !== 'AWS4-HMAC-SHA256') {
    throw new S3Error('InvalidArgument', 'Only AWS4-HMAC-SHA256 is supported', { ArgumentName: 'x-amz-algorithm' })
  }
  const [accessKeyId, date, region, service, terminal] = (fields['x-amz-credential'] || '').split('/')
  const account = AWSAccount.registry.get(accessKeyId)
  if (!account) {
    throw new S3Error('InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', { AWSAccessKeyId: accessKeyId })
  }
  const signingKey = [date, region, service, terminal].reduce(hmac, `AWS4${account.accessKeys.get(accessKeyId)}`)
  const expected = hmac(signingKey, fields.policy).toString('hex')
  const given = String(fields['x-amz-signature']).toLowerCase()
  if (given.length !== expected.length || !crypto.timingSafeEqual(Buffer.from(given), Buffer.from(expected))) {
    throw new S3Error('SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.')
  }

  let policy
  try {
    policy = JSON.parse(Buffer.from(fields.policy, 'base64').toString('utf8'))
  } catch {
    throw new S3Error('InvalidPolicyDocument', 'Invalid Policy: Invalid JSON.')
  }
  if (!policy || typeof policy.expiration !== 'string' || !Array.isArray(policy.conditions)) {
    throw new S3Error('InvalidPolicyDocument', 'Invalid Policy: Policy missing expiration or conditions.')
  }
  if (!(Date.parse(policy.expiration) > Date.now())) throw denied('Policy expired.')

  const value = (name) => (name === 'bucket' ? bucket : fields[name])
  const covered = new Set(['bucket'])
  for (const condition of policy.conditions) {
    if (Array.isArray(condition)) {
      const [operator, target, expected] = condition
      if (String(operator).toLowerCase() === 'content-length-range') {
        if (fileSize > Number(expected)) throw new S3Error('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', { ProposedSize: fileSize, MaxSizeAllowed: expected })
        if (fileSize < Number(target)) throw new S3Error('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size', { ProposedSize: fileSize, MinSizeAllowed: target })
        continue
      }
      const name = String(target).replace(/^\$/, '').toLowerCase()
      covered.add(name)
      const actual = value(name) ?? ''
      const holds = String(operator).toLowerCase() === 'eq' ? actual === expected : String(operator).toLowerCase() === 'starts-with' && actual.startsWith(expected)
      if (!holds) throw denied(`Policy Condition failed: ${JSON.stringify(condition)}`)
    } else {
      for (const [field, expected] of Object.entries(condition)) {
        const name = field.toLowerCase()
        covered.add(name)
        if ((value(name) ?? '') !== expected) throw denied(`Policy Condition failed: ${JSON.stringify(['eq', `$${field}`, expected])}`)
      }
    }
  }
  const extra = Object.keys(fields).filter((name) => !covered.has(name) && name !== 'policy' && name !== 'x-amz-signature' && !name.startsWith('x-ignore-'))
  if (extra.length > 0) throw denied(`Extra input fields: ${extra.join(', ')}`)
}

objectController.postObject = async function postObject(ctx) {
  if (!ctx.is('multipart/form-data')) return originalPostObject(ctx)
  const body = await readWhole(ctx.req, MAX_FORM_BYTES)
  const { fields, fileSize } = await readForm(ctx.headers, body)
  if (fileSize !== undefined) checkPolicy(ctx.params.bucket, fields, fileSize)
  ctx.req = Readable.from([body]) // the emulator reads the form from here; its headers come from ctx.request
  return originalPostObject(ctx)
}

const { parseAsync } = require('@20minutes/s3rver/lib/cli')

parseAsync(process.argv).catch((err) => {
  console.error(err && err.stack ? err.stack : err)
  process.exit(1)
})
