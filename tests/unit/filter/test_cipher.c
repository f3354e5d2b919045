/* SPDX-License-Identifier: ISC */
/*
 * Data ciphers (codes 1..16): known answers from the Debian vtund captures (extracted from the
 * captures of Debian's vtund 3.0.4 and decrypted independently with python-cryptography), frames
 * built independently for the modes no capture covers, round trips of every mode, the
 * CBC/CFB/OFB IV/rsyn state machine, and hostile input.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/cipher_evp.h"
#include "crypto/crypto.h"
#include "filter/filter.h"

struct kat_frame {
	const char *ct;         /* frame payload as on the wire */
	const char *pt;         /* what the decoder must return */
};

struct kat {
	const char *what;
	int code;
	const char *pw;
	int n;
	struct kat_frame fr[4];
};

/* Frames captured between two Debian vtund 3.0.4 (one direction each, in order). */
static const struct kat captured[] = {
	{ "v3_tcp_lzo1_aes128cbc C2S", 10, "Vec3LzoAes", 3, {
		{ "2c3885b1e444d9d7b201110c8f5050933a0e8e5665a7a379ef7a2a0bf587ac843db6ac4c4b95c988e8346665efa69140"
		  "6eac78856fe02390dd71fb4e9bec9b99aa57fe3ae4766dbed16a3d0ca7ac56ca5717bdeee12d158b6a49b69c5db48325"
		  "9ff1c32c85b5374e6773c63308baaa8b0ee8fdad5ac31bdda221acdf63a4b5476b3ec9b795c08372302f136776bd6d43",
		  "001445000054a1ea400040017d280aca03020aca03010800d3994b0500019fd7076b00000000734a7400001800001011"
		  "12131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637110000" },
		{ "0749c1c69e263c941feafd93495b90fd9b2a073f7dd6cad0ba09e21a7d6193f7daf0308ee20eba6ff56f8cd37bc761fc"
		  "90b5d4755bfc6176e5e648d33f17926392af6b28d8b39d691001f81e3d532fd7313173e13aef1dfab7d4c4c1ed70eae2"
		  "98c7e775dc68ede0c706c98c29dda629",
		  "001645000054a1f5400040017d1d0aca03020aca030108003a034b0500029fd7076b0000000008e004007c0000161011"
		  "12131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637110000" },
		{ "de9a1ffb2a1fa0a6b4e13f47c13a489f9d89f89e087c5058a02ad9bb182eef2bbd7d7ef3413ad9a5985cc5f21e8bac2a"
		  "e6ee386729746ac0364e8a4e3a15189076ac28120e3c24093eba69917d421a8f6b55a2d58d0934d7344a8753e6006e47"
		  "f2dc121c7809267d8f52eef6cdf2a882",
		  "0c45000054a210400040017d020aca036c000002010800cbf64b0500039fd7076b0000000071eb097800001700101112"
		  "131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637110000" },
	} },
	{ "v3_tcp_lzo1_aes128cbc S2C", 10, "Vec3LzoAes", 3, {
		{ "aa81400598a0dce7b32552fd556c808c59f5b7762d3f3065b81d2326ea2b5f4738145d6e455bc5d20c8c299357d734bc"
		  "0c1245a861faa77fa8e64af8ddb8beab12d42d7e53e4e6d04a61697682b746a5ec3c973ff8e74bb3d76977acd28a9e36"
		  "837b8860229a7f4fd59fb0825d75b483de2beec90a0ea1cf42b35c901144a0de8bae29582fcfb72a20f5f93ad55ef23e",
		  "00144500005415260000400149ed0aca03010aca03020000db994b0500019fd7076b00000000734a7400001800001011"
		  "12131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637110000" },
		{ "842e6938a85da106f247c4eb3f3cefe7e89e3ed1af0649b1436f7dcf5ba59ef1a8a9763bfa9423cb3dd1dd66699f2b93"
		  "7add790f3b3e2a1445ff9e9fe59ce67a380331d729c470b7a09e286b5aea6d6d1aaeb6c6fa4c92dd10bf2243183e8e1d"
		  "734ba9baeda6108784da2eba94e2f1b8",
		  "00164500005415570000400149bc0aca03010aca0302000042034b0500029fd7076b0000000008e004007c0000161011"
		  "12131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637110000" },
		{ "9a90d10de7559c03eb8e72c1b6e39a8673ba7747d4b65c87da23c357f36c1493843af35769a018418d84e106ff5c1455"
		  "71725e3f0356ea350df0301386226411f1134efdc2739f72089f6be34a27a34173fffdb70e82aea2f10d8e1942d0ed66"
		  "2e8b121778fb1742c7d24786e69ef1b0",
		  "001645000054157a0000400149990aca03010aca03020000d3f64b0500039fd7076b0000000071eb09007c0000161011"
		  "12131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637110000" },
	} },
	{ "v5_udp_zlib1_aes256cbc C2S", 14, "Vec5UdpZlibAes", 3, {
		{ "74cf7eeb017850b85310164e5cb40437514af7dd6b0700ed9eed859810a1da68ee740623f6b5880524d490805b31aef5"
		  "fe712b80705b74388fbaa68ca341df13aafedc9545cccefdf3bcb4663a8450e963e85d42972fa16423dbd2b733613154"
		  "603edb9c1f281bca3ffdab12fee8bd498ef9f6a8181256000e8831eff4b79e5ae21cd69e3f4e885edeced89d2803afd7",
		  "78017265600899b0d481c181b12b97eb142b1310337230bc36f2b9c0c0b8fe3a7b360310b83c6305510c028242c222a2"
		  "62e2129252d232b272f20a8a4aca2aaa6aea1a9a5ada3aba7afa068646c626a666e600000000ffff" },
		{ "fe7974020fb0497a2b02dc8892231ee0ae3b1da85796a1b59236ff1d65431cb64bbfbcc46c69c4e421db7a2e03fff8d1",
		  "720599b9056c661cc2cc032033996066663de522c94c00000000ffff" },
		{ "60dd6bcbcdbdae5d2d23589bb0ee74e3039eb64d009469f2aa55478f39e40689edfef89e04c7af50837991a03ee3c57a",
		  "029bf91e6ca632c2ccf426a099cc1ba0ee3c33056c24d1ee04000000ffff" },
	} },
	{ "v6_udp_lzo9_aes256ofb C2S", 16, "Vec6UdpLzoOfb", 3, {
		{ "445bdf86d34db5d79e2b302186bb1743b2d843977850af2a4e0d99bca3dc1772bd1c926b32a4a9a152eedd326401efbe"
		  "549a393c5123f92e2290790b3451cd1bb93ac8b7740b7ea65fdcd317ebe617670b9183645638011101db7144b0cce715"
		  "b4f3672ebe5fc8d9a47bbf12b989eda0ce5e9abde9ecf812ea645ce74d37e61017fa26581f98c65f7615539650e15eea",
		  "2145000054cc19400040014cf90aca06024c000b01080093794d500001b7d7076b004300901f09780000170010111213"
		  "1415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637110000" },
		{ "afefa51814e50aee798152d52dbddbd2eece2a07af5d937b04f4e4646942f70042755d11b7942a067a6089313c3479ce"
		  "70f503e5cf02fa092c06a0dd5ef04a0cae8b08d72113d8ed7101a8b99f395adc553a51c5dd64df095ca463c1e38ce4a0"
		  "14d680998c8858a280c72f90a8e57086",
		  "2145000054cc66400040014cac0aca06024c000b0108008fc44d500002b7d7076b0043008fd30d780000170010111213"
		  "1415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637110000" },
		{ "7707d1e4c9c70e85c8f6c0a93045dbea31073afb4296badc18cbf69817e028b6bd17402263293a208e9703fb5e227071"
		  "9a4707531c40731da08fd3410321bd32c9a57878535d35209b52bef8ec605f9f3bf32bfcf68e5c8e8ad8cace68e8d39e"
		  "7a67c44386c480cd7fa22ffd64cb1d46",
		  "2145000054cc8a400040014c880aca06024c000b01080015244d500003b8d7076b004300137303780000170010111213"
		  "1415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637110000" },
	} },
	{ "v6_udp_lzo9_aes256ofb S2C", 16, "Vec6UdpLzoOfb", 3, {
		{ "a6373a5fa1c7ec7d0734ecfb51b7eb1c8fb6ed60c9323db47627ca50d00553dc0a0bc70347ebfce2d2ed493f09d95810"
		  "ec9d00c1b0606849ae1f11dfdc4474257a2cc6539cf9e2d3b2cc86833d213b4c37a013b2120e18b858f38f1d1a814677"
		  "b4b4ce5218b490f5cbd88adc414ca52805c3c74779db850b25109673e3d7e093f1d1c86c9e1e86c6711d6b5d3112d16b",
		  "214500005480dd00004001d8350aca06014d00020403089b794d500001b7d7076b004300901f09780000170010111213"
		  "1415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637110000" },
		{ "19a5a1e6defae3ce5d6aa0d1d3a0ef220bbd6ebb234680672f3d91dfb776080aa258bc7a0dfdabeb2f70af3f631e5767"
		  "997f8797244964a9db5e556e583bcef9d578acb735f80ecb32b709df92a7b99465c494570fbda25a50f7b6cc44978469"
		  "137d5b5eb37aaefa402ed43ea445015d",
		  "2145000054811d00004001d7f50aca06014d000204030897c44d500002b7d7076b0043008fd30d780000170010111213"
		  "1415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637110000" },
		{ "d93593d776a9454747e44e70b3d1f01ea11cf89865d15c8cbf4ccf42b3f26a679794fbdc431e9854bb8fdbb5785e6782"
		  "b56d769083e1d08f281c4e2ee9c289c21efd071e6d9dbf92ec77546affa08b71a0d9a1ff8e2033ca3ea0583423da96f4"
		  "a5efbae6065d1d0d282f0a13d9b980a4",
		  "2145000054815700004001d7bb0aca06014d00020403081d244d500003b8d7076b004300137303780000170010111213"
		  "1415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637110000" },
	} },
	{ "v7_tcp_aes256ecb_speed C2S", 13, "Vec7AesEcb", 2, {
		{ "3620763ee5e9fd28096ea741e388d4daace0d6b96e2f09f06699b796c9273fcf57ea16ba63bc4e0d0980e21908d932ae"
		  "29c7ecf82fc10c75d3d2de004930044b8e6c6a75992fd6f41f37419f979cdb2d7b29542c8a610766c1811920db096cb4",
		  "45000054a722400040016ff00aca07020aca0701080097154dc60001bfd7076b00000000810d0c000000000010111213"
		  "1415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637" },
		{ "3b411290027feb84d36bf786109d81174fa75d715222c0b69aa32be106b602c1beb6245c58b4dc845c4e68785e93338c"
		  "29c7ecf82fc10c75d3d2de004930044b8e6c6a75992fd6f41f37419f979cdb2d7b29542c8a610766c1811920db096cb4",
		  "45000054a75a400040016fb80aca07020aca0701080000a34dc60002c0d7076b00000000217f01000000000010111213"
		  "1415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637" },
	} },
	{ "v9b_tcp_blowfish128ecb_openssl_legacy S2C", 1, "Vec9Bf128Ecb", 2, {
		{ "507085875f9b0a90c553393b0981318de7250082394cd1b8d2cebd197ea79a9997ad03bdf5d64c736ac55e76bf590582"
		  "86fac6ca8edf0e6834647187479b80978cdd7b73ed62ee5b49832bee2539e44f67a4e93a9ea69556",
		  "450000544c9e0000400106750aca09010aca090200007ca94fde0001d7d7076b000000008b610a000000000010111213"
		  "1415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637" },
		{ "05f2bfdd63869fcd514e3296d9cd19d35941b50465f2e66e57a0299d4429f3ec06e186cb80c962e66ac55e76bf590582"
		  "86fac6ca8edf0e6834647187479b80978cdd7b73ed62ee5b49832bee2539e44f67a4e93a9ea69556",
		  "450000544cd10000400106420aca09010aca09020000ec014fde0002d8d7076b00000000250800000000000010111213"
		  "1415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637" },
	} },
	{ "v10_tcp_blowfish128cbc_openssl_legacy C2S", 2, "Vec10Bf128Cbc", 1, {
		{ "5e8eec4defb61b411b3f56428fd447d07ba11b9a051dce0b3275f95ed82e05cff4c0bb130abddc7292ce17c95ba0156e"
		  "2b043573065b3c38160c88cfea9f6c473b312c13250e25a422a61c60d97c094de287c70703a4c73c0ffae0262520c88c"
		  "e943907504eed25607e93736aac78464",
		  "00000000bcba4000400154580aca0a020aca0a0108001f93503a0001dfd7076b00000000d51b0d000000000010111213"
		  "1415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637" },
	} },
	{ "v12_tcp_ether_zlib1_aes128ecb C2S", 9, "Vec12Ether", 2, {
		{ "c2892d18099aac0213e71ad9f07c85542d9f685ca86390c9d85e65e47451dd66409874e5d16fc8113e7a911d2e1542b9",
		  "7801faff1f04f63958323c3cc0c1c6c0c8c1c0c6c2c008e1739de261620003208b11000000ffff" },
		{ "f9a018057f6ded34d89675a0e86c75f349689a7f4bf54ad442f04c94dfcab71914c8e643640dd0ca31c6c46ccd2f8150"
		  "69e392669c66a24506524209d6c6289aab256ae6b622e50e2e95e6a04f562e36eb7abd2ee89e4fe677eba03bc5262aab",
		  "3a656cea79c010aa92c1958121e4fc7e07060746db60903a900a0e06b92fc19c0c8cec37d8b341dab6bd6604eb161014"
		  "121611151397909492969195935750545256515553d7d0d4d2d6d1d5d3373034323631353307000000ffff" },
	} },
	{ "v18_udp_aes128cbc_loss_resync S2C", 10, "Vec16Resync", 3, {
		{ "f18c474f6abaf4f36dba649a824079ff971b5655a3c79425566a276ddab7b5c0a6159e1d04ea6419ca8ab110610605de"
		  "0003d7e1b09d5ac517be153318358f7d0b67be4528bbb7edadac96d2b02a6b901e65b11a31a3abe5ec27440855cb1184"
		  "d1d22da90bfd0ff2dbbb85a288bc05c58d20d556eee780fd5662cf13f00f03f804e775022327637541cd5fa1280670ac",
		  "45000054ae7300004001969f0aca10010aca10020000014107d300017bd9076b00000000aed306000000000010111213"
		  "1415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637" },
		{ "2fe236b5e414c7a69387551b45b159e57963e05a115e536ec6389a171b92b37f",
		  "00" },
		{ "7a7932052bb24e064f858d91b9ff01e81e067733355f54cde7f67c8ab61c567e",
		  "00" },
	} },
	{ "v19_tcp_aes256ecb_fullblock_pad C2S", 13, "Vec7AesEcb", 1, {
		{ "e0e9fa357fdc6e1beb19857a566f4b6257f6411e4b1b2b7b585c81f1ff2d1de80dde8928cffac85aa0c5e60302e7fadc"
		  "29c7ecf82fc10c75d3d2de004930044b8e6c6a75992fd6f41f37419f979cdb2d78693ca1898f136b8db0c9d5153d1d74"
		  "f321fc3f6950eeb49f981ae1bf040bd9",
		  "45000060cf7740004001478f0aca07020aca07010800be2f0b4c0001a4d9076b0000000045f60e000000000010111213"
		  "1415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f40414243" },
	} },
	{ "v19_tcp_aes256ecb_fullblock_pad S2C", 13, "Vec7AesEcb", 1, {
		{ "5bb70dc202983190643f41c7c548f5d454b6fe2bec97a2c4971d70a7d39d63010dde8928cffac85aa0c5e60302e7fadc"
		  "29c7ecf82fc10c75d3d2de004930044b8e6c6a75992fd6f41f37419f979cdb2d78693ca1898f136b8db0c9d5153d1d74"
		  "63b133b3a28631ce5c9626228ee7b096",
		  "450000602f350000400127d20aca07010aca07020000c62f0b4c0001a4d9076b0000000045f60e000000000010111213"
		  "1415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f40414243" },
	} },
};

/* Frames built by an independent encoder (python-cryptography) for the modes without a capture. */
static const struct kat synthetic[] = {
	{ "synthetic code 1", 1, "Synth-Password-3x", 2, {
		{ "063383c54fe16f4b",
		  "52f22665a6" },
		{ "ef430bbc578f38bc71403774c4d1d81246d6e8b20789623e5c498fd623b1f77c4895869aae160a8b",
		  "0c12d289185d950ee8813609166f6b113d178d6c0fd3901ff239a1a095f20f9395650cf938" },
	} },
	{ "synthetic code 2", 2, "Synth-Password-3x", 3, {
		{ "4453219a8e91cf86b808a8a9cc851d3e4a7572432c3a40eae94d9429b1a7738e2c97ab3b1875ddd2bf3605b36ec7bb8f",
		  "d0ae2e1a9492a3305f188cb610900f9e347fae88" },
		{ "c0734b138aa6d5711b29b64ef3748413bdbaa8fe68b3ca6ea7b3db3d9bd1152347767b5cbbfd1727",
		  "6dc6507795ec745c4c3fcb2eb2c73e14934c867ee057ba72" },
		{ "c92d8a53d38b82ccf76e257cb9568237",
		  "2a" },
	} },
	{ "synthetic code 3", 3, "Synth-Password-3x", 3, {
		{ "899c45a6ca25985b5818bb0ece238013797d0fb2344ac3c492a657e64f47bbe5e64699311f48bd139fbc395e67ba2dd5",
		  "92cae0d15057b159987f94cc7411d717f14579b2" },
		{ "855992bfc84149a7d674c06fdf5d5b13a0bd58a177d7189e326f4111553a802cf4a158af6640dae2",
		  "aa100fbbb34fa593feaed27248b762e3ab5805f0765a2b9c" },
		{ "9b7bfba8a785d148af0798fd399b9e74",
		  "bd" },
	} },
	{ "synthetic code 4", 4, "Synth-Password-3x", 3, {
		{ "ab339cf443e0c348018450f91addff69e233714d1eecc0ef3e475a86ec28f72e247e2e16a20f61f37ae169fca9d1dc2a",
		  "e223d16edd8c47b46afc5baee261f53b26152d26" },
		{ "e7ad8c7be26ac6024f31ec4b7a88176e751ede445690787043686244ce401a0b7702ce779ae4ec73",
		  "3ba83b037cd4962e434801256b885e9c9051f320b0db83f3" },
		{ "5149a44d2a6664d73e5b666c476f282f",
		  "de" },
	} },
	{ "synthetic code 5", 5, "Synth-Password-3x", 2, {
		{ "2d26da1622f86941",
		  "c7f3dfaecc" },
		{ "dfa3bbdb307b4ab0435bab5fc184d76406c036db599b7bf634b110d8b33df4b29e2799525e29bfd4",
		  "8f646566641a7ba2660f3011fc3570291c57990d1a0091268919f25d9d0612df359d6026a2" },
	} },
	{ "synthetic code 6", 6, "Synth-Password-3x", 3, {
		{ "78cfbb02361f723b2410c9cc337f6cb7927914bc52a2fe344a306458a8a31c78c4dfb7ec37f2a0fa5d8ec8908e876e6d",
		  "777a7b4f15241abf57bd437ad4b129840534f3f3" },
		{ "566e959804c109ec07bf5edcd169ba7f7416fcb78fe896057d1f7b8352884e3607cf5ebc63a3e001",
		  "875c25b08bea06c2874cfaa4dd17b2d842845de82a5bc539" },
		{ "ec3d6c52fcf13ba4e9a879fdf59dde37",
		  "9c" },
	} },
	{ "synthetic code 7", 7, "Synth-Password-3x", 3, {
		{ "f93e7841cd9f4e4b081ea8d3be4be55be942c4f10489e237ea05570502c798b27867b7f61b46d0ab0735a6d25c207062",
		  "3a33847e5bbb07fd07ca47784231b19af45872ce" },
		{ "bb2018f43ef0253787e7a6b542790aaee7cd859d794b08f1a3b8f5b50ad22094fe25616c2a842889",
		  "efb9fc59f4f95d14381a3a783256347b9ffce69cd7007ae8" },
		{ "6cb56bd05b9c5642897f9d95aeb79604",
		  "1e" },
	} },
	{ "synthetic code 8", 8, "Synth-Password-3x", 3, {
		{ "a1baa8ae69d5c339d781c5f08ee568a053f1c629a1a3ab516a4b32b8b6b8a940da5b88ffcf04d8d69f9a3fffa10d8398",
		  "5516cdf2f8b8657666bef215b9282bfe20072697" },
		{ "e5f90cc15ceba787d78ef15fc9d8637b242d39bc6715a3444a75214ecf951ddf4f52abffb3649f74",
		  "e777cea7259cd398fa79a8ef59278c8c210503ccf8b9a61a" },
		{ "0ceb0f5bdbeedbc0a32d3ceed59cd7b4",
		  "31" },
	} },
	{ "synthetic code 9", 9, "Synth-Password-3x", 2, {
		{ "260ed72cf3976bc02604a76f14de513a",
		  "d3df360740" },
		{ "a0c64c620079182bf6eb66f5e12cc4d57886e7e9c4ca5711be9f999420c3427ccbbc836208b7cc45a88cb371f0c978b6",
		  "364a803dc39653428b6bd5210fe8bd5ae575a995d0e7846bd3eae080218826868204df70c6" },
	} },
	{ "synthetic code 11", 11, "Synth-Password-3x", 3, {
		{ "1616ee0f891a4b2e3421c73a03baa138d6811df7a364c608f5adf309f3d31b250fa3972a7aecf616b031453955ef35e9"
		  "a31f5b7d297d819cc267613f7842f464df376d18423b36e03e2ed294799ca72c",
		  "460ac51981738f07c2e4e91071539cf9819b8333" },
		{ "1815cb5d66343ac80341f6914062f1a4ec10d2fac57096d213fecc39f93fff0134a8ae863bf3580a7dbb4a6337936be0"
		  "975d87302f74ec4e385928706df6a5560ab19a2df3cbebacf953b3305c927ddb",
		  "b146738288ce7a81f13fb285e0e0f1ed42ec8fe4f133d772236a1f64715012ab3d6d1236ab4dc81fe5c627f0b7a4a95d" },
		{ "5b74d376df6b0bbce8d01d5250f43766cb5f2bd8c8adc3be1ed104636d1b54e5",
		  "aa" },
	} },
	{ "synthetic code 12", 12, "Synth-Password-3x", 3, {
		{ "f681b5fd5718a67e6c2d2692aeac889df18c83c8eeb806e7bd600963ba3c7237163408fb12c3c614349c04a6aa824e4a"
		  "a050e73aa3cb3922469235fe487324a54054c831940c46a419313c58117cd5b7",
		  "83f5101cfcebc93af8e01a1543450ae7c72e45c1" },
		{ "14ac1e203e6ae1745c6afc98925dc392d12da850895f8ba6369454b3f5ae7d8070c8db7e0b79f373ca35bf36b0ab43d9"
		  "7fc90a55549afc3e720ece5b1b8aad46564fa14931ff917e088358b8d7d479c1",
		  "21d16cd9e9add1f242672689eb83927eb35316470eccb02e6ce51244f004a216cd42159bdb381143dc1f740256fe8d6a" },
		{ "588531082f4fab7d5bf6d6f22212ae8bcb30d072b676383f2a94818f42a7a357",
		  "2e" },
	} },
	{ "synthetic code 14", 14, "Synth-Password-3x", 3, {
		{ "5f48dbe10e609e3abb73c906cce2382f2791f42594c4f6810c0706d4abb0f6e8548efff841a1cbf14cd75b84a1b2a4d6"
		  "3591fa34eebaf6f04e2f0733c316b4541c1bf3e5d5ededabf19bef5cf4c0de2a",
		  "793eef721ba8d1a66ea87e8bd5e364f8814eb037" },
		{ "3621a6da9ef575d0150888f59a9523d4153509f9dca03a9dda4ce73a1168d609aeec9dea00013d09be20611b6370eed4"
		  "03afbdb261b9ed4e1a66f65eada54dd1291a4377537a58a9b19edd279f74826f",
		  "fb3a5732d5e1b4baa22367fd58fb0dd6210312a0bde1416e290e15aad761de81abf848993eb14b0b752f28447200435d" },
		{ "27d693e5296376167bce8ec36116b243168b0502635e0c1117eca35ef1f0c55a",
		  "55" },
	} },
	{ "synthetic code 15", 15, "Synth-Password-3x", 3, {
		{ "c5ea97888f69bed2c50abd512de491bbf77e841ec4b4655d547e7e259cd53bbcbfba0c95edf71f8ed882868de34d6be7"
		  "dfbc94511a8d8b5eb708664223493c673fb2332417f81cbf4aee0aaf40933b35",
		  "87dac027a8e4b7c8e19863c353b8fc7e2648b99e" },
		{ "e083b75f2be747e9181f6c33265308932dc1cddbcc54ae1cb08d528c9f0124d17f9ff4bc8c645abe012a089edaa3a8ff"
		  "3438df9bfd06bd8b3159a3f200f4fa8de60e416ba27af6b6b660f053d7eb151c",
		  "a4250bd3d5b7e483a06dbbb3cf8123e886c08191d5d0cd04d3af95cce4b6aef4b1a43a15070a22a35cf51a60d5738e0c" },
		{ "1b7671fd1bdb050729e2e5c00669742ba035e0ced51d7791d809f9e69592a9b0",
		  "e5" },
	} },
	{ "synthetic code 16", 16, "Synth-Password-3x", 3, {
		{ "0d1c2e405b0f1e8bb8c9da8e8510ff1b2793227a9a82262dea245d2c5342a7c03a8378860338c5dcd4574ad9d4da3a8d"
		  "fc3ec8caa0e3e30830fa9943e6875e578edbf8b3211fa46c6b69e73db3120574",
		  "af49c40b9da1a4321399255441a6beb14d9f9122" },
		{ "707e105e6224cefb246237101ebe28ba824a92f9b2bf53d2353072d85c7d14b039d8f6c05170e648b8fdb8a1560385f9"
		  "c54aa70b01b863250642851c6be99200b2885f38ce6f3a3b30b65b9e6a0552de",
		  "037b0f7c44f8ac19b137ac7d4ab58449767777c41efee48c334ffa15ef79044a7513d181f7fe73fe446335eaf2ee3513" },
		{ "713ce90c11b75423195979e7642751d22f7b9c1bd2a07f68ec1765dfbe5b28f3",
		  "1c" },
	} },
};

#define NKAT(a) (sizeof(a) / sizeof((a)[0]))
#define BUFSZ FILTER_BUF_MAX

static size_t unhex(const char *s, uint8_t *out, size_t cap)
{
	size_t n = strlen(s) / 2;

	assert_true(n <= cap);
	for (size_t i = 0; i < n; i++) {
		unsigned v;
		assert_int_equal(sscanf(s + 2 * i, "%2x", &v), 1);
		out[i] = (uint8_t)v;
	}
	return n;
}

static int enc(struct filter *f, const uint8_t *in, size_t len, uint8_t *out)
{
	return f->ops->encode(f, in, len, out, BUFSZ);
}

static int dec(struct filter *f, const uint8_t *in, size_t len, uint8_t *out)
{
	return f->ops->decode(f, in, len, out, BUFSZ);
}

static size_t bs_of(int code)
{
	return code >= 9 ? 16 : 8;
}

static bool is_ecb(int code)
{
	return code % 4 == 1;
}

static void fill_random(uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (uint8_t)rand();
}

/* Decode every frame of one direction with one instance; compare with the expected payload. */
static void run_kat(const struct kat *k)
{
	static uint8_t ct[BUFSZ], pt[BUFSZ], out[BUFSZ];
	struct filter *f = filter_cipher_new(k->code, k->pw);

	assert_non_null(f);
	for (int i = 0; i < k->n; i++) {
		size_t cl = unhex(k->fr[i].ct, ct, sizeof(ct));
		size_t pl = unhex(k->fr[i].pt, pt, sizeof(pt));
		int r = dec(f, ct, cl, out);
		if (r != (int)pl || memcmp(out, pt, pl) != 0)
			fail_msg("%s frame %d: got %d, want %zu bytes", k->what, i, r, pl);
	}
	filter_free(f);
}

static void test_captured(void **state)
{
	(void)state;
	for (size_t i = 0; i < NKAT(captured); i++)
		run_kat(&captured[i]);
}

static void test_synthetic(void **state)
{
	(void)state;
	for (size_t i = 0; i < NKAT(synthetic); i++)
		run_kat(&synthetic[i]);
}

/* kat.txt section 4 spelled out: the in-band block and the pad are stripped, LZO bytes remain. */
static void test_kat4(void **state)
{
	static const char lzo[] =
		"001445000054a1ea400040017d280aca03020aca03010800d3994b0500019fd7076b00000000734a74"
		"0000180000101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f30313233"
		"3435363711"
		"0000";
	uint8_t ct[256], want[128], out[BUFSZ];
	struct filter *f = filter_cipher_new(10, "Vec3LzoAes");
	size_t cl = unhex(captured[0].fr[0].ct, ct, sizeof(ct));
	size_t wl = unhex(lzo, want, sizeof(want));

	(void)state;
	assert_non_null(f);
	assert_int_equal(cl, 144);
	assert_int_equal(ct[0], 0x2c);
	assert_int_equal(wl, 89);
	assert_int_equal(dec(f, ct, cl, out), 89);
	assert_memory_equal(out, want, 89);
	filter_free(f);
}

static const struct kat *find_kat(const char *prefix)
{
	for (size_t i = 0; i < NKAT(captured); i++)
		if (strncmp(captured[i].what, prefix, strlen(prefix)) == 0)
			return &captured[i];
	fail_msg("no vector %s", prefix);
	return NULL;
}

/* ECB frames whose pad is not a full block are deterministic: re-encoding gives the capture. */
static void test_ecb_reencode(void **state)
{
	static const char *const which[] = { "v7_", "v9b_", "v12_" };
	uint8_t ct[BUFSZ], pt[BUFSZ], out[BUFSZ];

	(void)state;
	for (size_t w = 0; w < 3; w++) {
		const struct kat *k = find_kat(which[w]);
		struct filter *f = filter_cipher_new(k->code, k->pw);
		assert_non_null(f);
		for (int i = 0; i < k->n; i++) {
			size_t cl = unhex(k->fr[i].ct, ct, sizeof(ct));
			size_t pl = unhex(k->fr[i].pt, pt, sizeof(pt));
			assert_int_equal(enc(f, pt, pl, out), (int)cl);
			assert_memory_equal(out, ct, cl);
		}
		filter_free(f);
	}
}

/* v19 / kat.txt §7: a 96-byte packet gets a full random pad block ending in 0x10. */
static void test_full_block_pad(void **state)
{
	uint8_t pt[96], a[BUFSZ], b[BUFSZ], out[BUFSZ];
	struct filter *f = filter_cipher_new(13, "Vec7AesEcb");
	struct filter *raw = filter_cipher_new(13, "Vec7AesEcb");

	(void)state;
	assert_non_null(f);
	fill_random(pt, sizeof(pt));
	assert_int_equal(enc(f, pt, 96, a), 112);
	assert_int_equal(enc(f, pt, 96, b), 112);
	/* the pad block is random, so two encodings of the same packet differ in the last block */
	assert_memory_equal(a, b, 96);
	assert_memory_not_equal(a + 96, b + 96, 16);
	assert_int_equal(dec(raw, a, 112, out), 96);
	assert_memory_equal(out, pt, 96);
	filter_free(f);
	filter_free(raw);
}

/* v10: Debian's 64-bit bug zeroes the first 4 payload bytes; we still decode the frame. */
static void test_v10_debian_bug(void **state)
{
	const struct kat *k = find_kat("v10_");
	uint8_t ct[BUFSZ], out[BUFSZ];
	struct filter *f = filter_cipher_new(k->code, k->pw);
	size_t cl = unhex(k->fr[0].ct, ct, sizeof(ct));

	(void)state;
	assert_int_equal(dec(f, ct, cl, out), 84);
	assert_memory_equal(out, "\0\0\0\0", 4);
	assert_int_equal(out[4], 0xbc);
	filter_free(f);
}

/* v18: after a lost datagram the peer sent "rsyn": we must answer with a new IV. */
static void test_v18_rsyn(void **state)
{
	const struct kat *k = find_kat("v18_");
	uint8_t ct[BUFSZ], out[BUFSZ], pkt[84] = { 0x45 };
	struct filter *f = filter_cipher_new(k->code, k->pw);
	size_t cl;

	(void)state;
	assert_int_equal(enc(f, pkt, 84, out), 144);    /* our own first frame: IV header */
	assert_int_equal(enc(f, pkt, 84, out), 112);
	cl = unhex(k->fr[0].ct, ct, sizeof(ct));
	assert_int_equal(dec(f, ct, cl, out), 84);
	assert_int_equal(enc(f, pkt, 84, out), 112);    /* seq# does not change anything */
	cl = unhex(k->fr[1].ct, ct, sizeof(ct));
	assert_int_equal(dec(f, ct, cl, out), 1);       /* the rsyn dummy */
	assert_int_equal(enc(f, pkt, 84, out), 144);    /* new IV */
	assert_int_equal(enc(f, pkt, 84, out), 112);
	cl = unhex(k->fr[2].ct, ct, sizeof(ct));
	assert_int_equal(dec(f, ct, cl, out), 1);
	filter_free(f);
}

/* Frame lengths: doc/PROTOCOL.md §8.3 (AES 84 -> 144/112, Blowfish 84 -> 112/96) and d.2 for ECB. */
static void test_lengths(void **state)
{
	uint8_t pkt[2048] = { 0 }, out[BUFSZ];

	(void)state;
	for (int code = 1; code <= 16; code++) {
		struct filter *f = filter_cipher_new(code, "len");
		size_t bs = bs_of(code);
		assert_non_null(f);
		if (is_ecb(code)) {
			assert_int_equal(enc(f, pkt, 84, out), (int)(84 + bs - 84 % bs));
			assert_int_equal(enc(f, pkt, 96, out), (int)(96 + bs));
		} else {
			assert_int_equal(enc(f, pkt, 84, out), bs == 16 ? 144 : 112);
			assert_int_equal(enc(f, pkt, 84, out), bs == 16 ? 112 : 96);
			assert_int_equal(enc(f, pkt, 2048, out), (int)(bs + 2048 + bs));
			assert_int_equal(enc(f, pkt, 1, out), (int)(2 * bs));
		}
		assert_false(f->ops->wants_send(f));
		filter_free(f);
	}
}

/* Send len random bytes a -> b; returns the decode result (checked against the input if >= 0). */
static int xfer(struct filter *a, struct filter *b, size_t len, int *enc_len)
{
	static uint8_t pkt[BUFSZ], wire[BUFSZ], out[BUFSZ];
	int r;

	fill_random(pkt, len);
	*enc_len = enc(a, pkt, len, wire);
	assert_true(*enc_len > 0);
	r = dec(b, wire, (size_t)*enc_len, out);
	if (r >= 0) {
		assert_int_equal(r, (int)len);
		assert_memory_equal(out, pkt, len);
	}
	return r;
}

static void test_round_trips(void **state)
{
	(void)state;
	srand(1);
	for (int code = 1; code <= 16; code++) {
		struct filter *a = filter_cipher_new(code, "round-trip pw");
		struct filter *b = filter_cipher_new(code, "round-trip pw");
		size_t bs = bs_of(code);
		assert_non_null(a);
		assert_non_null(b);
		for (int i = 0; i < 200; i++) {
			size_t la = 1 + (size_t)rand() % 2048, lb = 1 + (size_t)rand() % 2048;
			size_t hdr = (!is_ecb(code) && i == 0) ? 2 * bs : 0;
			size_t ib = is_ecb(code) ? 0 : bs;
			int ea, eb;
			assert_int_equal(xfer(a, b, la, &ea), (int)la);
			assert_int_equal(ea, (int)(hdr + ib + la + bs - la % bs));
			assert_int_equal(xfer(b, a, lb, &eb), (int)lb);
			assert_int_equal(eb, (int)(hdr + ib + lb + bs - lb % bs));
		}
		assert_false(a->ops->wants_send(a));
		filter_free(a);
		filter_free(b);
	}
}

/* Send one random-sized packet from x to y. */
static int step(struct filter *x, struct filter *y)
{
	int el;

	return xfer(x, y, 1 + (size_t)rand() % 1500, &el);
}

/*
 * A lost frame in CBC/CFB/OFB: the receiver drops the next frame, asks for a new IV with rsyn
 * on its next frame and the session recovers within a few frames, in both directions.
 */
static void test_lost_frame_resync(void **state)
{
	static uint8_t pkt[64], wire[BUFSZ];

	(void)state;
	srand(2);
	for (int code = 1; code <= 16; code++) {
		if (is_ecb(code))
			continue;
		struct filter *a = filter_cipher_new(code, "lossy");
		struct filter *b = filter_cipher_new(code, "lossy");
		int ok_run = 0, rounds = 0;
		for (int i = 0; i < 3; i++) {
			assert_true(step(a, b) > 0);
			assert_true(step(b, a) > 0);
		}
		fill_random(pkt, sizeof(pkt));
		assert_true(enc(a, pkt, sizeof(pkt), wire) > 0);        /* lost on the way */
		assert_int_equal(step(a, b), FILTER_DROP);
		/* Normal traffic both ways, plus dummies when asked for, until 5 clean rounds. */
		while (ok_run < 5) {
			int r1, r2;
			assert_true(++rounds < 8);
			if (b->ops->wants_send(b))
				assert_true(step(b, a) > 0);
			r1 = step(a, b);
			if (a->ops->wants_send(a))
				assert_true(step(a, b) >= FILTER_DROP);
			r2 = step(b, a);
			assert_true(r2 > 0);            /* b -> a never broke */
			ok_run = (r1 > 0) ? ok_run + 1 : 0;
		}
		filter_free(a);
		filter_free(b);
	}
}

/*
 * A receiver that only sees undecodable frames while waiting for an IV asks once for rsyn and,
 * after 10 frames, restarts its own sender: the next frame has a new IV *and* the rsyn, which a
 * peer decodes (and answers with its own new IV).
 */
static void test_gibberish_restart(void **state)
{
	static uint8_t junk[64], pkt[100], wire[BUFSZ], out[BUFSZ];

	(void)state;
	for (int code = 2; code <= 16; code++) {
		if (is_ecb(code))
			continue;
		struct filter *a = filter_cipher_new(code, "gib");
		struct filter *b = filter_cipher_new(code, "gib");
		size_t bs = bs_of(code);
		int n;
		fill_random(pkt, sizeof(pkt));
		assert_true(enc(b, pkt, sizeof(pkt), wire) > 0);  /* b's first IV is lost */
		for (int i = 0; i < 10; i++) {
			fill_random(junk, sizeof(junk));
			memcpy(junk, "\0\0\0\0", 4);
			assert_int_equal(dec(b, junk, sizeof(junk), out), FILTER_DROP);
			assert_true(b->ops->wants_send(b));
		}
		n = enc(b, pkt, sizeof(pkt), wire);
		assert_int_equal(n, (int)(3 * bs + sizeof(pkt) + bs - sizeof(pkt) % bs));
		assert_int_equal(dec(a, wire, (size_t)n, out), (int)sizeof(pkt));
		assert_memory_equal(out, pkt, sizeof(pkt));
		/* a got b's rsyn: a's stream was lost, so a's last packet is worth repeating */
		assert_int_equal(a->ops->wants_send(a), FILTER_SEND_REPEAT);
		/* b sent the rsyn: the frame VTun sends after it is any frame */
		assert_int_equal(b->ops->wants_send(b), FILTER_SEND_ANY);
		/* a got the rsyn: its next frame carries a new IV */
		n = enc(a, pkt, sizeof(pkt), wire);
		assert_int_equal(n, (int)(3 * bs + sizeof(pkt) + bs - sizeof(pkt) % bs));
		assert_int_equal(dec(b, wire, (size_t)n, out), (int)sizeof(pkt));
		filter_free(a);
		filter_free(b);
	}
}

/*
 * Our encoder's wire layout, checked by decrypting with bare contexts (not the filter):
 * ECB(ivec || IV || rnd) header on the first frame only, then "seq#" || BE32 counter (+1 per
 * frame, the intended 32-bit layout also for Blowfish) || zeros || payload || p bytes of p.
 */
static int check_layout(int code)
{
	static uint8_t pkt[300], wire[BUFSZ], plain[BUFSZ];
	static const uint8_t zero[16];
	enum cevp_alg alg = code >= 9 ? CEVP_AES : CEVP_BF;
	enum cevp_mode mode = (enum cevp_mode)((code - 1) % 4);
	size_t bs = bs_of(code), keylen = ((code - 1) / 4) % 2 ? 32 : 16;
	uint8_t key[32];
	struct filter *f = filter_cipher_new(code, "layout");
	struct cevp *sb, *d;
	uint32_t seq0 = 0;

	crypto_derive_key("layout", key, keylen);
	sb = cevp_new(alg, CEVP_ECB, key, keylen, false);
	d = cevp_new(alg, mode, key, keylen, false);
	assert_non_null(sb);
	assert_non_null(d);
	for (uint32_t i = 0; i < 5; i++) {
		size_t len = 1 + (size_t)rand() % sizeof(pkt), p = bs - len % bs, off = 0;
		int n;
		fill_random(pkt, len);
		n = enc(f, pkt, len, wire);
		if (i == 0) {
			assert_true(cevp_run(sb, wire, plain, 2 * bs));
			assert_memory_equal(plain, "ivec", 4);
			assert_true(cevp_start(d, plain + 4));
			off = 2 * bs;
		}
		assert_int_equal(n, (int)(off + bs + len + p));
		assert_true(cevp_run(d, wire + off, plain, (size_t)n - off));
		assert_memory_equal(plain, "seq#", 4);
		uint32_t seq = (uint32_t)plain[4] << 24 | (uint32_t)plain[5] << 16 |
			       (uint32_t)plain[6] << 8 | plain[7];
		if (i == 0)
			seq0 = seq;
		assert_int_equal(seq, seq0 + i);
		assert_memory_equal(plain + 8, zero, bs - 8);
		assert_memory_equal(plain + bs, pkt, len);
		for (size_t j = p == bs ? bs - 1 : 0; j < p; j++)
			assert_int_equal(plain[bs + len + j], p);
	}
	memset(key, 0, sizeof(key));
	cevp_free(sb);
	cevp_free(d);
	filter_free(f);
	/* the counter starts at a random value: its top two bytes rarely agree */
	return (seq0 >> 24) == ((seq0 >> 16) & 0xff);
}

static void test_encoder_layout(void **state)
{
	int same = 0;

	(void)state;
	srand(8);
	for (int code = 1; code <= 16; code++)
		if (!is_ecb(code))
			same += check_layout(code);
	assert_true(same < 3);
}

/*
 * The ECB codes, checked the same way against a context set up from the code alone: each
 * frame is ECB(payload || pad) under the derived key of the code's algorithm and length.
 */
static void test_ecb_layout(void **state)
{
	static uint8_t pkt[300], wire[BUFSZ], plain[BUFSZ];

	(void)state;
	srand(9);
	for (int code = 1; code <= 16; code += 4) {
		enum cevp_alg alg = code >= 9 ? CEVP_AES : CEVP_BF;
		size_t bs = bs_of(code), keylen = ((code - 1) / 4) % 2 ? 32 : 16;
		size_t len = 1 + (size_t)rand() % sizeof(pkt), p = bs - len % bs;
		uint8_t key[32];
		struct filter *f = filter_cipher_new(code, "layout");
		struct cevp *d;

		assert_non_null(f);
		crypto_derive_key("layout", key, keylen);
		d = cevp_new(alg, CEVP_ECB, key, keylen, false);
		assert_non_null(d);
		fill_random(pkt, len);
		assert_int_equal(enc(f, pkt, len, wire), (int)(len + p));
		assert_true(cevp_run(d, wire, plain, len + p));
		assert_memory_equal(plain, pkt, len);
		assert_int_equal(plain[len + p - 1], p);
		memset(key, 0, sizeof(key));
		cevp_free(d);
		filter_free(f);
	}
}

/* Truncated, bit-flipped, random and oversized input: never a crash, drops where detectable. */
static void test_hostile_input(void **state)
{
	static uint8_t pkt[1500], wire[BUFSZ], junk[BUFSZ + 64], out[BUFSZ];

	(void)state;
	srand(3);
	for (int code = 1; code <= 16; code++) {
		struct filter *a = filter_cipher_new(code, "hostile");
		struct filter *b = filter_cipher_new(code, "hostile");
		size_t bs = bs_of(code);
		int n, r;

		fill_random(pkt, sizeof(pkt));
		assert_int_equal(step(a, b) > 0, 1);     /* b has a's IV, if any */
		n = enc(a, pkt, 100, wire);
		/* truncated to a non-block length, and tiny */
		assert_int_equal(dec(b, wire, (size_t)n - 1, out), FILTER_DROP);
		assert_int_equal(dec(b, wire, 0, out), FILTER_DROP);
		assert_int_equal(dec(b, wire, 3, out), FILTER_DROP);
		/* too small an output buffer, and oversized input */
		assert_int_equal(b->ops->decode(b, wire, (size_t)n, out, 10), FILTER_DROP);
		assert_int_equal(a->ops->encode(a, pkt, 100, out, 50), FILTER_DROP);
		assert_int_equal(dec(b, junk, BUFSZ + 16, out), FILTER_DROP);
		/* none of that disturbed the stream state */
		assert_int_equal(dec(b, wire, (size_t)n, out), 100);
		assert_memory_equal(out, pkt, 100);
		if (!is_ecb(code)) {
			/* a flipped bit in the in-band tag is always caught */
			n = enc(a, pkt, 100, wire);
			wire[1] ^= 0x10;
			assert_int_equal(dec(b, wire, (size_t)n, out), FILTER_DROP);
			assert_true(step(b, a) > 0);    /* carries the rsyn */
		}
		/* random frames of random lengths */
		for (int i = 0; i < 3000; i++) {
			size_t len = (size_t)rand() % 400;
			if (i % 2)
				len -= len % bs;
			fill_random(junk, len);
			r = dec(b, junk, len, out);
			assert_true(r == FILTER_DROP || (r >= 0 && (size_t)r < len));
		}
		filter_free(a);
		filter_free(b);
	}
}

/* A decoder with the wrong password never yields the plaintext (always a drop for IV modes). */
static void test_wrong_password(void **state)
{
	static uint8_t pkt[300], wire[BUFSZ], out[BUFSZ];

	(void)state;
	srand(4);
	for (int code = 1; code <= 16; code++) {
		struct filter *a = filter_cipher_new(code, "right");
		struct filter *b = filter_cipher_new(code, "wrong");
		int drops = 0;
		for (int i = 0; i < 20; i++) {
			size_t len = 1 + (size_t)rand() % sizeof(pkt);
			int n, r;
			fill_random(pkt, len);
			n = enc(a, pkt, len, wire);
			r = dec(b, wire, (size_t)n, out);
			if (r == FILTER_DROP)
				drops++;
			else
				assert_false(r == (int)len && memcmp(out, pkt, len) == 0);
		}
		/* ECB: only a pad byte decides, so a few garbage frames may pass (p ~ bs/256) */
		assert_true(drops >= (is_ecb(code) ? 10 : 20));
		filter_free(a);
		filter_free(b);
	}
}

static void test_bad_args(void **state)
{
	(void)state;
	assert_null(filter_cipher_new(0, "x"));
	assert_null(filter_cipher_new(17, "x"));
	assert_null(filter_cipher_new(999, "x"));
	assert_null(filter_cipher_new(10, NULL));
}

/*
 * CBC and CFB resynchronise by themselves: after one lost frame only the next one is dropped,
 * and no new IV is requested. OFB cannot (the keystream position is lost): it still asks.
 */
static void test_self_sync(void **state)
{
	(void)state;
	for (int code = 1; code <= 16; code++) {
		int m = (code - 1) % 4;   /* 0 ecb, 1 cbc, 2 cfb, 3 ofb */
		if (m == 0)
			continue;
		struct filter *a = filter_cipher_new(code, "self sync");
		struct filter *b = filter_cipher_new(code, "self sync");
		assert_non_null(a);
		assert_non_null(b);
		uint8_t pt[6][100], ct[6][512], out[512];
		int clen[6];
		for (int i = 0; i < 6; i++) {
			memset(pt[i], 'A' + i, sizeof(pt[i]));
			clen[i] = a->ops->encode(a, pt[i], sizeof(pt[i]), ct[i], sizeof(ct[i]));
			assert_true(clen[i] > 0);
		}
		assert_int_equal(b->ops->decode(b, ct[0], (size_t)clen[0], out, sizeof(out)), 100);
		/* frame 1 is lost */
		assert_int_equal(b->ops->decode(b, ct[2], (size_t)clen[2], out, sizeof(out)), FILTER_DROP);
		int r = b->ops->decode(b, ct[3], (size_t)clen[3], out, sizeof(out));
		if (m == 3) {
			assert_int_equal(r, FILTER_DROP);      /* OFB: waits for a new IV */
		} else {
			assert_int_equal(r, 100);
			assert_memory_equal(out, pt[3], 100);
			assert_int_equal(b->ops->decode(b, ct[4], (size_t)clen[4], out, sizeof(out)), 100);
			/* and the receiver did not ask the peer for a new IV: its next frame says seq# */
			uint8_t back[512];
			int bl = b->ops->encode(b, pt[0], 10, back, sizeof(back));
			assert_true(bl > 0);
			assert_int_equal(a->ops->decode(a, back, (size_t)bl, out, sizeof(out)), 10);
			/* (an rsyn would make a's next frame carry a new ivec header: longer) */
			int again = a->ops->encode(a, pt[5], sizeof(pt[5]), ct[5], sizeof(ct[5]));
			assert_int_equal(again, clen[4]);
		}
		filter_free(a);
		filter_free(b);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_self_sync),
		cmocka_unit_test(test_kat4),
		cmocka_unit_test(test_captured),
		cmocka_unit_test(test_synthetic),
		cmocka_unit_test(test_ecb_reencode),
		cmocka_unit_test(test_full_block_pad),
		cmocka_unit_test(test_v10_debian_bug),
		cmocka_unit_test(test_v18_rsyn),
		cmocka_unit_test(test_lengths),
		cmocka_unit_test(test_encoder_layout),
		cmocka_unit_test(test_ecb_layout),
		cmocka_unit_test(test_round_trips),
		cmocka_unit_test(test_lost_frame_resync),
		cmocka_unit_test(test_gibberish_restart),
		cmocka_unit_test(test_hostile_input),
		cmocka_unit_test(test_wrong_password),
		cmocka_unit_test(test_bad_args),
	};

	if (!crypto_init()) {
		fprintf(stderr, "OpenSSL legacy provider not available\n");
		return 1;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
