package chat.load.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Local addresses the clients bind to: each (source address, destination) pair has its own
 * ~28,000 ephemeral ports, so several 127.x.y.z sources carry more connections to one gateway.
 */
public final class SourceAddresses {

    private SourceAddresses() {
    }

    /**
     * Parses {@code 127.0.0.2-127.0.0.20} (a range in the last octet), a comma list of addresses
     * and ranges, or an empty text (the system picks the source).
     */
    public static List<String> parse(String text) {
        List<String> addresses = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return addresses;
        }
        for (String part : text.split(",")) {
            String item = part.trim();
            int dash = item.indexOf('-');
            if (dash < 0) {
                addresses.add(checked(item));
                continue;
            }
            String first = checked(item.substring(0, dash));
            String last = checked(item.substring(dash + 1));
            String prefix = first.substring(0, first.lastIndexOf('.') + 1);
            if (!last.startsWith(prefix)) {
                throw new IllegalArgumentException("source address range " + item + ": only the last octet may vary");
            }
            int from = lastOctet(first);
            int to = lastOctet(last);
            if (to < from) {
                throw new IllegalArgumentException("source address range " + item + " is empty");
            }
            for (int octet = from; octet <= to; octet++) {
                addresses.add(prefix + octet);
            }
        }
        return List.copyOf(addresses);
    }

    private static String checked(String address) {
        String[] octets = address.split("\\.");
        if (octets.length != 4) {
            throw new IllegalArgumentException("source address '" + address + "' is not an IPv4 address");
        }
        for (String octet : octets) {
            int value;
            try {
                value = Integer.parseInt(octet);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("source address '" + address + "' is not an IPv4 address");
            }
            if (value < 0 || value > 255) {
                throw new IllegalArgumentException("source address '" + address + "' is not an IPv4 address");
            }
        }
        if (!address.startsWith("127.")) {
            throw new IllegalArgumentException("source address " + address + " is not a loopback address (127.x.y.z)");
        }
        return address;
    }

    private static int lastOctet(String address) {
        return Integer.parseInt(address.substring(address.lastIndexOf('.') + 1));
    }
}
