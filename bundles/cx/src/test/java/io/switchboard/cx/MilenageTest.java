package io.switchboard.cx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * MILENAGE against the test sets of 3GPP TS 35.207 §4–§6 (sets 1–6, the same as TS 35.208 §4.3 sets 1–6) and TS
 * 35.208 sets 19 and 20. Values taken from two independent public copies of the specifications' tables (a Go and a
 * Python MILENAGE test suite, which agree on sets 1, 2, 19 and 20; sets 1 and 2 also match a third, Java, copy).
 */
class MilenageTest {

    /** K, RAND, SQN, AMF, OP, OPc, f1, f1*, f2, f5, f3, f4, f5*. */
    static Stream<Arguments> testSets() {
        return sets().map(s -> Arguments.of((Object) s));
    }

    private static Stream<String[]> sets() {
        return Stream.of(
                new String[] {
                    "465b5ce8b199b49faa5f0a2ee238a6bc",
                    "23553cbe9637a89d218ae64dae47bf35",
                    "ff9bb4d0b607",
                    "b9b9",
                    "cdc202d5123e20f62b6d676ac72cb318",
                    "cd63cb71954a9f4e48a5994e37a02baf",
                    "4a9ffac354dfafb3",
                    "01cfaf9ec4e871e9",
                    "a54211d5e3ba50bf",
                    "aa689c648370",
                    "b40ba9a3c58b2a05bbf0d987b21bf8cb",
                    "f769bcd751044604127672711c6d3441",
                    "451e8beca43b"
                },
                new String[] {
                    "0396eb317b6d1c36f19c1c84cd6ffd16",
                    "c00d603103dcee52c4478119494202e8",
                    "fd8eef40df7d",
                    "af17",
                    "ff53bade17df5d4e793073ce9d7579fa",
                    "53c15671c60a4b731c55b4a441c0bde2",
                    "5df5b31807e258b0",
                    "a8c016e51ef4a343",
                    "d3a628ed988620f0",
                    "c47783995f72",
                    "58c433ff7a7082acd424220f2b67c556",
                    "21a8c1f929702adb3e738488b9f5c5da",
                    "30f1197061c1"
                },
                new String[] {
                    "fec86ba6eb707ed08905757b1bb44b8f",
                    "9f7c8d021accf4db213ccff0c7f71a6a",
                    "9d0277595ffc",
                    "725c",
                    "dbc59adcb6f9a0ef735477b7fadf8374",
                    "1006020f0a478bf6b699f15c062e42b3",
                    "9cabc3e99baf7281",
                    "95814ba2b3044324",
                    "8011c48c0c214ed2",
                    "33484dc2136b",
                    "5dbdbb2954e8f3cde665b046179a5098",
                    "59a92d3b476a0443487055cf88b2307b",
                    "deacdd848cc6"
                },
                new String[] {
                    "9e5944aea94b81165c82fbf9f32db751",
                    "ce83dbc54ac0274a157c17f80d017bd6",
                    "0b604a81eca8",
                    "9e09",
                    "223014c5806694c007ca1eeef57f004f",
                    "a64a507ae1a2a98bb88eb4210135dc87",
                    "74a58220cba84c49",
                    "ac2cc74a96871837",
                    "f365cd683cd92e96",
                    "f0b9c08ad02e",
                    "e203edb3971574f5a94b0d61b816345d",
                    "0c4524adeac041c4dd830d20854fc46b",
                    "6085a86c6f63"
                },
                new String[] {
                    "4ab1deb05ca6ceb051fc98e77d026a84",
                    "74b0cd6031a1c8339b2b6ce2b8c4a186",
                    "e880a1b580b6",
                    "9f07",
                    "2d16c5cd1fdf6b22383584e3bef2a8d8",
                    "dcf07cbd51855290b92a07a9891e523e",
                    "49e785dd12626ef2",
                    "9e85790336bb3fa2",
                    "5860fc1bce351e7e",
                    "31e11a609118",
                    "7657766b373d1c2138f307e3de9242f9",
                    "1c42e960d89b8fa99f2744e0708ccb53",
                    "fe2555e54aa9"
                },
                new String[] {
                    "6c38a116ac280c454f59332ee35c8c4f",
                    "ee6466bc96202c5a557abbeff8babf63",
                    "414b98222181",
                    "4464",
                    "1ba00a1a7c6700ac8c3ff3e96ad08725",
                    "3803ef5363b947c6aaa225e58fae3934",
                    "078adfb488241a57",
                    "80246b8d0186bcf1",
                    "16c8233f05a0ac28",
                    "45b0f69ab06c",
                    "3f8c7587fe8e4b233af676aede30ba3b",
                    "a7466cc1e6b2a1337d49d3b66e95d7b4",
                    "1f53cd2b1113"
                },
                new String[] {
                    "5122250214c33e723a5dd523fc145fc0",
                    "81e92b6c0ee0e12ebceba8d92a99dfa5",
                    "16f3b3f70fc2",
                    "c3ab",
                    "c9e8763286b5b9ffbdf56e1297d0887b",
                    "981d464c7c52eb6e5036234984ad0bcf",
                    "2a5c23d15ee351d5",
                    "62dae3853f3af9d2",
                    "28d7b0f2a2ec3de5",
                    "ada15aeb7bb8",
                    "5349fbe098649f948f5d2e973a81c00f",
                    "9744871ad32bf9bbd1dd5ce54e3e2e5a",
                    "d461bc15475d"
                },
                new String[] {
                    "90dca4eda45b53cf0f12d7c9c3bc6a89",
                    "9fddc72092c6ad036b6e464789315b78",
                    "20f813bd4141",
                    "61df",
                    "3ffcfe5b7b1111589920d3528e84e655",
                    "cb9cccc4b9258e6dca4760379fb82581",
                    "09db94eab4f8149e",
                    "a29468aa9775b527",
                    "a95100e2760952cd",
                    "83cfd54db913",
                    "b5f2da03883b69f96bf52e029ed9ac45",
                    "b4721368bc16ea67875c5598688bb0ef",
                    "4f2039392ddc"
                });
    }

    private static byte[] h(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    @ParameterizedTest
    @MethodSource("testSets")
    void everyFunctionMatchesTheTestSet(String[] s) {
        byte[] k = h(s[0]);
        byte[] rand = h(s[1]);
        byte[] sqn = h(s[2]);
        byte[] amf = h(s[3]);
        assertArrayEquals(h(s[5]), Milenage.opc(k, h(s[4])), "OPc");
        Milenage m = new Milenage(k, h(s[5]));
        assertArrayEquals(h(s[6]), m.f1(rand, sqn, amf), "f1");
        assertArrayEquals(h(s[7]), m.f1Star(rand, sqn, amf), "f1*");
        assertArrayEquals(h(s[8]), m.f2(rand), "f2");
        assertArrayEquals(h(s[9]), m.f5(rand), "f5");
        assertArrayEquals(h(s[10]), m.f3(rand), "f3");
        assertArrayEquals(h(s[11]), m.f4(rand), "f4");
        assertArrayEquals(h(s[12]), m.f5Star(rand), "f5*");
    }

    @Test
    void wrongLengthsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Milenage(new byte[15], new byte[16]));
        Milenage m = new Milenage(new byte[16], new byte[16]);
        assertThrows(IllegalArgumentException.class, () -> m.f2(new byte[15]));
        assertThrows(IllegalArgumentException.class, () -> m.f1(new byte[16], new byte[5], new byte[2]));
    }
}
