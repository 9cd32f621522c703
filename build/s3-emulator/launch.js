#!/usr/bin/env node
// Launcher for the local S3 emulator (@20minutes/s3rver 5.0.0), used by build/services.
//
//   node --openssl-legacy-provider build/s3-emulator/launch.js -d DIR -a 127.0.0.1 -p 4566 \
//        --silent --configure-bucket NAME
//
// The package ships no bin/, so we run its CLI module ourselves. Before the CLI (and with it
// lib/routes.js) is loaded, the authentication middleware is wrapped through require.cache to
// work around two incompatibilities with AWSSDK.S3 (node_modules is left untouched):
//
//  1. The SDK signs bucket-level path-style requests with a trailing slash ("PUT /bucket/",
//     "GET /bucket/?list-type=2"), but the emulator canonicalises the URI as "/bucket", so the
//     signature never matches (403 SignatureDoesNotMatch). For such requests the signature check
//     sees the bucket name with the slash ("bucket/" -> URI "/bucket/"); the real name is
//     restored before the request moves on (and on error).
//  2. The SDK sends "x-amz-copy-source: bucket%2Fkey"; the emulator splits on "/" only, so
//     CopyObject answers 404. After the signature check (which must see the header as sent),
//     "%2F" is turned back into "/".
//
// Node must run with --openssl-legacy-provider: the emulator's continuation tokens use DES,
// without it every truncated ListObjectsV2 answers 500.
'use strict'

const AUTH_MODULE = '@20minutes/s3rver/lib/middleware/authentication'

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

    try {
      return await original(ctx, () => {
        // Reached only once the signature was accepted (or the request is unsigned).
        restore()
        // Fix 2: "bucket%2Fkey" -> "bucket/key" (the controllers decodeURI the rest).
        const copySource = ctx.headers['x-amz-copy-source']
        if (typeof copySource === 'string' && /%2f/i.test(copySource)) {
          ctx.headers['x-amz-copy-source'] = copySource.replace(/%2f/gi, '/')
        }
        return next()
      })
    } finally {
      restore()
    }
  }
}

// Replace the cached module's exports so that lib/routes.js picks up the wrapper.
require.cache[authPath].exports = createPatchedAuthentication

const { parseAsync } = require('@20minutes/s3rver/lib/cli')

parseAsync(process.argv).catch((err) => {
  console.error(err && err.stack ? err.stack : err)
  process.exit(1)
})
