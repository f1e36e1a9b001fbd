// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Public halves of the well-known development keys that ship in OP-TEE
 * source trees.  A board whose OP-TEE was built without its own key trusts
 * one of these.  Generated with `openssl pkey -in KEY -pubout` from the
 * private keys in tests/fixtures/keys (see its README for provenance);
 * identified at run time by the SHA-256 of their DER SubjectPublicKeyInfo.
 */
#include "keys/key.h"

const struct builtin_key builtin_keys[] = {
	{
		.name = "optee-default-rsa2048",
		.desc = "OP-TEE keys/default.pem, 3.22.0 to 4.6.x, ST 3.19.0-r2 and 4.0.0 (also default_ta.pem before 3.22.0)",
		.file = "keys/default.pem",
		.spki_sha256 = "3a21983aeeda3a503f4d3de2ff6fedbaa8b4389ab6ef7261cbdb1de85434fcc3",
		.pem =
			"-----BEGIN PUBLIC KEY-----\n"
			"MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAploYrcCzzuMMkCt9QJus\n"
			"u1pJiEIKseCSwIaR5p7voOHxL5D2Zt3qFVrAKLSd31IMbqXGGUOsaajyX/5gAKXS\n"
			"OswSAfNbugxRHCz0sHe51nI1HA9zzS8W+bqJhKCbv4tbf+iLi5/IceocbB8AoO7K\n"
			"Pr8YjlebSGbri9RAUa6GoYb40Av6ti4lLgX/dgFG1z3rH3z83x6Ci16wyqPqFr4t\n"
			"blRQnLhB7xfHf2BUqvlwoPiYLoL5jF/7nIiOd7Aycpka4ARevx2q9/AFPLSV3U26\n"
			"OnGh+HKOHZjjE7rKsCe/h1lUJ/jo7MaFN9I6leSlCZrQH6OGsJLYAh4zddsmvyf8\n"
			"NQIDAQAB\n"
			"-----END PUBLIC KEY-----\n"
	},
	{
		.name = "optee-default-rsa4096",
		.desc = "OP-TEE keys/default.pem, 4.7.0 and later",
		.file = "keys/default.pem",
		.spki_sha256 = "cac7bcfaf8674a57e5eaa8ef1a7c9b67af1fd5562a06440d88d5e3c632e88c48",
		.pem =
			"-----BEGIN PUBLIC KEY-----\n"
			"MIICIjANBgkqhkiG9w0BAQEFAAOCAg8AMIICCgKCAgEA6e6CY58Lzd7Vxb/B9k47\n"
			"X8fuvkYE8O1peo1UnmEaeuAI91y6wFSLkog7uPZcizDxyqA3OBtbFqi7nR0fTs+n\n"
			"r37W+yFSGZljZVXxudMojccsgHP9pMUjlmuu/1ISLyvA5Q8R6ALrTmNpUQfNqcdp\n"
			"IBgfwSDUrBUU0PIq6iiUdxoWtuC71OgKh4Ng8NXdIQHiJVwx2i/JB4lidWDPJY/n\n"
			"TLKnmDzbKtyKWeQfz4FJgDjDAThZXASeoaEpWmjRDvfbG6I7ziU20jiAA5R8T6ht\n"
			"9DdwoJ+CIKovscukdedPZ9b8/IesBiZURZv7pwqAMWLVb93PQj1a28VzyZOW4Mr/\n"
			"oa+9qY0/d19ApB5YJV7hf6fWY5mwPdAGuO4FpXinemD+HLXGXAu6+PlzftJW97Ut\n"
			"vE5DMzkrMm9DYjhe1b1AEHlDYJM7WTpRi9z4CuBymec5CsKFfZAJCQlKg5qjPKA7\n"
			"3CH1PBtVzAK+N8ktbsIAIoiX0aQ5yItY9FyxqduSt2dt0tPjrjflvHWI1+27zgYy\n"
			"0sWOlsSWyz9NMoH9x1IGV0/ufOvns95y3XR3ptHIrB1iZdfSdBCVTHAscVksD8FW\n"
			"lC2S/EFedqYcB3ZjR1Fpb9ReGK2ChSVU/Dxg+Xa3AzUXo4Fz8rNaJ3/BvB8NphDh\n"
			"i391IEoPu/bRTVm6MT/YHaECAwEAAQ==\n"
			"-----END PUBLIC KEY-----\n"
	},
	{
		.name = "st-default-rproc-rsa2048",
		.desc = "ST keys/default_rproc.pem, ST OP-TEE 3.9.0-r2 to 3.19.0-r1.1 (F1/F2)",
		.file = "keys/default_rproc.pem",
		.spki_sha256 = "32714bd60107c0be6b0a53346bdb96844b9f036f108184a887db93cc411518b6",
		.pem =
			"-----BEGIN PUBLIC KEY-----\n"
			"MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA1TD3AMwyJhzsliOhEStP\n"
			"rCrgnG9Gy8z+OCtialVngW/rkqQBcb/oOdiMPjfLoSio8zaUA86mTHo6DINZIopT\n"
			"Zvs9pysnpvrOwbjCVRXTcIhgM/YZGyN9c+Qo5fCbOlCsxD0PG40hP4O0dktWyzmW\n"
			"Qfjy0+9BDAyMoW59lPeYZcJAKSWTM10V5h3JTabA4dqVroeztuTow3ftNImNuzMF\n"
			"YDqGDUcJy0EdluRsBfhOOKXE7ZaQRXnwY9CTCGqgsuNKwE1g8evkseaLcJk4/JpV\n"
			"FOgZp4fUgsxU6EBRD2i+C+Jq9KXgqBcK0QwXNr2IwG3i76QmLzGGkpW7bKPn/QhG\n"
			"MQIDAQAB\n"
			"-----END PUBLIC KEY-----\n"
	},
};

const size_t n_builtin_keys = sizeof(builtin_keys) / sizeof(builtin_keys[0]);
