package io.switchboard.diameter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * AVPs, commands and applications by name and by code. {@link #standard()} is the base protocol (RFC 6733) and
 * Cx/Dx (TS 29.229), read from {@code dictionary.txt} beside this class: one table that the codec's checks, the
 * routes (AVPs by name) and the admin guide share, instead of constants spread over bundles. {@link #with(String)}
 * adds definitions in the same format (an application of another bundle).
 */
public final class DiameterDictionary {

    private static final DiameterDictionary STANDARD = load();

    private final Map<String, AvpDefinition> avpsByName = new HashMap<>();
    private final Map<Long, AvpDefinition> avpsByCode = new HashMap<>();
    private final Map<String, CommandDefinition> commandsByName = new HashMap<>();
    private final Map<Long, CommandDefinition> commandsByCode = new HashMap<>();
    private final Map<String, ApplicationDefinition> appsByName = new HashMap<>();
    private final Map<Long, ApplicationDefinition> appsById = new HashMap<>();

    private DiameterDictionary() {}

    /** Base protocol and Cx/Dx. */
    public static DiameterDictionary standard() {
        return STANDARD;
    }

    /**
     * A new dictionary with these definitions added to this one's (lines {@code application}, {@code avp},
     * {@code command} as in {@code dictionary.txt}).
     *
     * @throws IllegalArgumentException naming the line that cannot be read
     */
    public DiameterDictionary with(String text) {
        DiameterDictionary d = new DiameterDictionary();
        d.avpsByName.putAll(avpsByName);
        d.avpsByCode.putAll(avpsByCode);
        d.commandsByName.putAll(commandsByName);
        d.commandsByCode.putAll(commandsByCode);
        d.appsByName.putAll(appsByName);
        d.appsById.putAll(appsById);
        d.parse(text);
        return d;
    }

    private static DiameterDictionary load() {
        try (InputStream in = DiameterDictionary.class.getResourceAsStream("dictionary.txt")) {
            if (in == null) {
                throw new IllegalStateException("dictionary.txt is missing from the bundle");
            }
            DiameterDictionary d = new DiameterDictionary();
            d.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void parse(String text) {
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s+");
            try {
                switch (f[0]) {
                    case "application" ->
                        addApplication(new ApplicationDefinition(f[1], Long.parseLong(f[2]), Long.parseLong(f[3])));
                    case "avp" ->
                        addAvp(new AvpDefinition(
                                f[1],
                                Integer.parseInt(f[2]),
                                Long.parseLong(f[3]),
                                AvpType.ofWireName(f[4]),
                                mBit(f[5])));
                    case "command" -> addCommand(f);
                    default -> throw new IllegalArgumentException("unknown kind " + f[0]);
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("dictionary line '" + line + "': " + e.getMessage(), e);
            }
        }
    }

    private static AvpDefinition.MBit mBit(String s) {
        return switch (s) {
            case "M" -> AvpDefinition.MBit.MUST;
            case "-" -> AvpDefinition.MBit.MUST_NOT;
            case "?" -> AvpDefinition.MBit.MAY;
            default -> throw new IllegalArgumentException("M bit is M, - or ?, not " + s);
        };
    }

    private void addApplication(ApplicationDefinition a) {
        appsByName.put(a.name(), a);
        appsById.put(a.id(), a);
    }

    private void addAvp(AvpDefinition a) {
        avpsByName.put(a.name(), a);
        avpsByCode.put(key(a.code(), a.vendorId()), a);
    }

    private void addCommand(String[] f) {
        ApplicationDefinition app =
                application(f[5]).orElseThrow(() -> new IllegalArgumentException("unknown application " + f[5]));
        List<String> request = names(f[7]);
        List<String> answer = names(f[8]);
        for (String n : concat(request, answer)) {
            if (!avpsByName.containsKey(n)) {
                throw new IllegalArgumentException("unknown AVP " + n);
            }
        }
        CommandDefinition c = new CommandDefinition(
                f[1], f[2], f[3], Integer.parseInt(f[4]), app.id(), "P".equals(f[6]), request, answer);
        commandsByName.put(c.name(), c);
        commandsByName.put(c.requestName(), c);
        commandsByName.put(c.answerName(), c);
        commandsByCode.put(key(c.code(), c.applicationId()), c);
    }

    private static List<String> names(String csv) {
        return "-".equals(csv) ? List.of() : Arrays.asList(csv.split(","));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }

    private static long key(long code, long second) {
        return (code << 32) ^ second;
    }

    public Optional<AvpDefinition> avp(String name) {
        return Optional.ofNullable(avpsByName.get(name));
    }

    public Optional<AvpDefinition> avp(int code, long vendorId) {
        return Optional.ofNullable(avpsByCode.get(key(code, vendorId)));
    }

    /** By name ({@code User-Authorization}) or by the abbreviation of its request or answer ({@code UAR}). */
    public Optional<CommandDefinition> command(String name) {
        return Optional.ofNullable(commandsByName.get(name));
    }

    public Optional<CommandDefinition> command(int code, long applicationId) {
        return Optional.ofNullable(commandsByCode.get(key(code, applicationId)));
    }

    public Optional<ApplicationDefinition> application(String name) {
        return Optional.ofNullable(appsByName.get(name));
    }

    public Optional<ApplicationDefinition> application(long id) {
        return Optional.ofNullable(appsById.get(id));
    }

    /**
     * The AVP called {@code name} with this value, flags as the dictionary says. The value may be a
     * {@link String} (string types; a number for the integer types), a {@link Number}, {@code byte[]},
     * an {@link InetAddress}, an {@link Instant}, or a {@link List} of {@link Avp} for a Grouped AVP.
     *
     * @throws IllegalArgumentException for an unknown name or a value that does not fit the type
     */
    public Avp create(String name, Object value) {
        AvpDefinition d = avp(name).orElseThrow(() -> new IllegalArgumentException("unknown AVP " + name));
        byte[] data = switch (d.type()) {
            case GROUPED -> groupedData(value, name);
            case ADDRESS -> Avp.address(0, 0, false, (InetAddress) value).data();
            case TIME -> value instanceof Instant i ? Avp.time(0, 0, false, i).data() : fixed(4, number(value));
            case INTEGER32, UNSIGNED32, ENUMERATED -> fixed(4, number(value));
            case INTEGER64, UNSIGNED64 -> fixed(8, number(value));
            case FLOAT32 ->
                ByteBuffer.allocate(4).putFloat(((Number) value).floatValue()).array();
            case FLOAT64 ->
                ByteBuffer.allocate(8).putDouble(((Number) value).doubleValue()).array();
            default -> value instanceof byte[] b ? b : String.valueOf(value).getBytes(StandardCharsets.UTF_8);
        };
        return d.avp(data);
    }

    /** A Grouped AVP of these children. */
    public Avp group(String name, Avp... children) {
        return create(name, List.of(children));
    }

    private static byte[] groupedData(Object value, String name) {
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException(name + " is Grouped: give a List of Avp");
        }
        List<Avp> children = list.stream().map(Avp.class::cast).toList();
        return Avp.grouped(0, 0, false, children).data();
    }

    private static long number(Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        return Long.parseLong(String.valueOf(value).strip());
    }

    private static byte[] fixed(int size, long v) {
        ByteBuffer b = ByteBuffer.allocate(size);
        if (size == 4) {
            b.putInt((int) v);
        } else {
            b.putLong(v);
        }
        return b.array();
    }
}
