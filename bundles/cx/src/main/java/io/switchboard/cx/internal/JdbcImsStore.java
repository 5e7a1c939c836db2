package io.switchboard.cx.internal;

import io.switchboard.cx.ImsStore;
import io.switchboard.cx.ImsStoreException;
import io.switchboard.cx.PrivateIdentity;
import io.switchboard.cx.PublicIdentity;
import io.switchboard.cx.Registration;
import io.switchboard.cx.RegistrationState;
import io.switchboard.cx.Scscf;
import io.switchboard.cx.ServiceProfile;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link ImsStore} over the platform DataSource. Upserts are an UPDATE followed by an INSERT when no row changed, in
 * one transaction: portable between H2 and PostgreSQL, and unlike delete-and-insert it keeps the rows that reference
 * the one replaced (links, registrations).
 */
public final class JdbcImsStore implements ImsStore {

    private static final String PRIVATE_COLUMNS =
            "impi, realm, secret, ha1, aka_k, aka_opc, aka_amf, aka_sqn, roaming_allowed";
    private static final String PUBLIC_COLUMNS = "impu, barred, irs_id, service_profile, identity_type";

    private final DataSource ds;

    public JdbcImsStore(DataSource ds) {
        this.ds = ds;
    }

    @Override
    public Optional<PrivateIdentity> privateIdentity(String impi) {
        return one("SELECT " + PRIVATE_COLUMNS + " FROM ims_private_identity WHERE impi = ?", this::privateRow, impi);
    }

    @Override
    public List<PrivateIdentity> privateIdentities() {
        return list("SELECT " + PRIVATE_COLUMNS + " FROM ims_private_identity ORDER BY impi", this::privateRow);
    }

    @Override
    public void putPrivateIdentity(PrivateIdentity p) {
        Object[] values = {
            p.realm(), p.secret(), p.ha1(), p.akaK(), p.akaOpc(), p.akaAmf(), p.akaSqn(), p.roamingAllowed(), p.impi()
        };
        upsert(
                "UPDATE ims_private_identity SET realm = ?, secret = ?, ha1 = ?, aka_k = ?, aka_opc = ?, aka_amf = ?,"
                        + " aka_sqn = ?, roaming_allowed = ? WHERE impi = ?",
                "INSERT INTO ims_private_identity (realm, secret, ha1, aka_k, aka_opc, aka_amf, aka_sqn,"
                        + " roaming_allowed, impi) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                values);
    }

    @Override
    public boolean removePrivateIdentity(String impi) {
        return update("DELETE FROM ims_private_identity WHERE impi = ?", impi) > 0;
    }

    @Override
    public void updateSqn(String impi, long sqn) {
        update("UPDATE ims_private_identity SET aka_sqn = ? WHERE impi = ?", sqn, impi);
    }

    @Override
    public Optional<PublicIdentity> publicIdentity(String impu) {
        return one("SELECT " + PUBLIC_COLUMNS + " FROM ims_public_identity WHERE impu = ?", this::publicRow, impu);
    }

    @Override
    public List<PublicIdentity> publicIdentities() {
        return list("SELECT " + PUBLIC_COLUMNS + " FROM ims_public_identity ORDER BY impu", this::publicRow);
    }

    @Override
    public void putPublicIdentity(PublicIdentity p) {
        if (serviceProfile(p.serviceProfile()).isEmpty()) {
            throw new ImsStoreException("no service profile " + p.serviceProfile());
        }
        upsert(
                "UPDATE ims_public_identity SET barred = ?, irs_id = ?, service_profile = ?, identity_type = ?"
                        + " WHERE impu = ?",
                "INSERT INTO ims_public_identity (barred, irs_id, service_profile, identity_type, impu)"
                        + " VALUES (?, ?, ?, ?, ?)",
                new Object[] {p.barred(), p.irsId(), p.serviceProfile(), p.identityType(), p.impu()});
    }

    @Override
    public boolean removePublicIdentity(String impu) {
        return update("DELETE FROM ims_public_identity WHERE impu = ?", impu) > 0;
    }

    @Override
    public void link(String impi, String impu) {
        if (privateIdentity(impi).isEmpty()) {
            throw new ImsStoreException("no private identity " + impi);
        }
        if (publicIdentity(impu).isEmpty()) {
            throw new ImsStoreException("no public identity " + impu);
        }
        if (!publicIdentitiesOf(impi).contains(impu)) {
            update("INSERT INTO ims_identity_link (impi, impu) VALUES (?, ?)", impi, impu);
        }
    }

    @Override
    public boolean unlink(String impi, String impu) {
        return update("DELETE FROM ims_identity_link WHERE impi = ? AND impu = ?", impi, impu) > 0;
    }

    @Override
    public List<String> publicIdentitiesOf(String impi) {
        return sorted(list("SELECT impu FROM ims_identity_link WHERE impi = ?", rs -> rs.getString(1), impi));
    }

    @Override
    public List<String> privateIdentitiesOf(String impu) {
        return sorted(list("SELECT impi FROM ims_identity_link WHERE impu = ?", rs -> rs.getString(1), impu));
    }

    @Override
    public List<String> implicitSet(String impu) {
        Optional<PublicIdentity> p = publicIdentity(impu);
        if (p.isEmpty()) {
            return List.of();
        }
        if (p.get().irsId() == null) {
            return List.of(impu);
        }
        return sorted(list(
                "SELECT impu FROM ims_public_identity WHERE irs_id = ?",
                rs -> rs.getString(1),
                p.get().irsId()));
    }

    @Override
    public Optional<ServiceProfile> serviceProfile(String name) {
        return one(
                "SELECT name, ifc_xml, mandatory_capabilities, optional_capabilities FROM ims_service_profile"
                        + " WHERE name = ?",
                this::profileRow,
                name);
    }

    @Override
    public List<ServiceProfile> serviceProfiles() {
        return list(
                "SELECT name, ifc_xml, mandatory_capabilities, optional_capabilities FROM ims_service_profile"
                        + " ORDER BY name",
                this::profileRow);
    }

    @Override
    public void putServiceProfile(ServiceProfile p) {
        upsert(
                "UPDATE ims_service_profile SET ifc_xml = ?, mandatory_capabilities = ?, optional_capabilities = ?"
                        + " WHERE name = ?",
                "INSERT INTO ims_service_profile (ifc_xml, mandatory_capabilities, optional_capabilities, name)"
                        + " VALUES (?, ?, ?, ?)",
                new Object[] {
                    p.ifcXml(), Capabilities.format(p.mandatoryCapabilities()),
                    Capabilities.format(p.optionalCapabilities()), p.name()
                });
    }

    @Override
    public boolean removeServiceProfile(String name) {
        List<String> users = list(
                "SELECT impu FROM ims_public_identity WHERE service_profile = ? ORDER BY impu",
                rs -> rs.getString(1),
                name);
        if (!users.isEmpty()) {
            throw new ImsStoreException("service profile " + name + " is used by " + users);
        }
        return update("DELETE FROM ims_service_profile WHERE name = ?", name) > 0;
    }

    @Override
    public List<Scscf> scscfs() {
        return list(
                "SELECT name, diameter_host, capabilities, priority FROM ims_scscf ORDER BY priority, name",
                rs -> new Scscf(rs.getString(1), rs.getString(2), Capabilities.parse(rs.getString(3)), rs.getInt(4)));
    }

    @Override
    public void putScscf(Scscf s) {
        upsert(
                "UPDATE ims_scscf SET diameter_host = ?, capabilities = ?, priority = ? WHERE name = ?",
                "INSERT INTO ims_scscf (diameter_host, capabilities, priority, name) VALUES (?, ?, ?, ?)",
                new Object[] {s.diameterHost(), Capabilities.format(s.capabilities()), s.priority(), s.name()});
    }

    @Override
    public boolean removeScscf(String name) {
        return update("DELETE FROM ims_scscf WHERE name = ?", name) > 0;
    }

    @Override
    public Registration registration(String impu) {
        return this.<Registration>one(
                        "SELECT impu, state, scscf, scscf_host, pending_scscf, impi FROM ims_registration"
                                + " WHERE impu = ?",
                        rs -> new Registration(
                                rs.getString(1),
                                RegistrationState.valueOf(rs.getString(2)),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getString(6)),
                        impu)
                .orElse(Registration.none(impu));
    }

    @Override
    public void putRegistrations(List<Registration> registrations) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                for (Registration r : registrations) {
                    Object[] values = {
                        r.state().name(),
                        r.scscf(),
                        r.scscfHost(),
                        r.pendingScscf(),
                        r.impi(),
                        new Timestamp(System.currentTimeMillis()),
                        r.impu()
                    };
                    upsert(
                            c,
                            "UPDATE ims_registration SET state = ?, scscf = ?, scscf_host = ?, pending_scscf = ?,"
                                    + " impi = ?, updated_at = ? WHERE impu = ?",
                            "INSERT INTO ims_registration (state, scscf, scscf_host, pending_scscf, impi,"
                                    + " updated_at, impu) VALUES (?, ?, ?, ?, ?, ?, ?)",
                            values);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** Sorted here, not by ORDER BY: PostgreSQL's collation (the locale's) orders text unlike H2 and Java. */
    private static List<String> sorted(List<String> values) {
        return values.stream().sorted().toList();
    }

    private PrivateIdentity privateRow(ResultSet rs) throws SQLException {
        return new PrivateIdentity(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                trim(rs.getString(5)),
                trim(rs.getString(6)),
                trim(rs.getString(7)),
                rs.getLong(8),
                rs.getBoolean(9));
    }

    private PublicIdentity publicRow(ResultSet rs) throws SQLException {
        return new PublicIdentity(rs.getString(1), rs.getBoolean(2), rs.getString(3), rs.getString(4), rs.getInt(5));
    }

    private ServiceProfile profileRow(ResultSet rs) throws SQLException {
        return new ServiceProfile(
                rs.getString(1),
                rs.getString(2),
                Capabilities.parse(rs.getString(3)),
                Capabilities.parse(rs.getString(4)));
    }

    /** CHAR columns come back padded on some databases. */
    private static String trim(String s) {
        return s == null ? null : s.trim();
    }

    private void upsert(String update, String insert, Object[] values) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                upsert(c, update, insert, values);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private static void upsert(Connection c, String update, String insert, Object[] values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(update)) {
            bind(ps, values);
            if (ps.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement ps = c.prepareStatement(insert)) {
            bind(ps, values);
            ps.executeUpdate();
        }
    }

    private int update(String sql, Object... values) {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, values);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private <T> Optional<T> one(String sql, Row<T> row, Object... values) {
        List<T> all = list(sql, row, values);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    private <T> List<T> list(String sql, Row<T> row, Object... values) {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, values);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(row.read(rs));
                }
                return out;
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private static void bind(PreparedStatement ps, Object[] values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v == null) {
                ps.setNull(i + 1, Types.VARCHAR);
            } else {
                ps.setObject(i + 1, v);
            }
        }
    }

    private static ImsStoreException failure(SQLException e) {
        return new ImsStoreException("IMS store: " + e.getMessage(), e);
    }

    @FunctionalInterface
    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }
}
