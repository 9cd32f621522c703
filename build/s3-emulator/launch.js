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
// Two more fixes follow the wrapper below: 4 (atomic PUT) and 5 (XML text escaped once).
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

const { parseAsync } = require('@20minutes/s3rver/lib/cli')

parseAsync(process.argv).catch((err) => {
  console.error(err && err.stack ? err.stack : err)
  process.exit(1)
})
